package io.bfg.console.copilot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.service.AiServices;
import io.bfg.console.command.ActorActions;
import io.bfg.console.command.CommandRules;
import io.bfg.console.eval.Evaluation;
import io.bfg.console.eval.Evaluator;
import io.bfg.console.http.RunningConsole;
import io.bfg.console.model.Actor;
import io.bfg.console.model.AuditEvent;
import io.bfg.console.model.Lang;
import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.model.Runtime;
import io.bfg.console.model.Scenario;
import io.bfg.console.model.SessionState;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.store.AuditChain;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local copilot reading operators' questions, English and Polish, on both scenarios and in
 * states with sign-offs and runs: through the same AI service, tools and language choice as the
 * console, and with every answer run through {@link Grounding}, which must find nothing to correct
 * or flag (no wrong fact). Expected facts are taken from the evaluation, not written in.
 */
@DisplayName("The copilot's reader")
class CopilotReadingTest {

  private static final Scenario BFG = ScenarioLoader.load(RunningConsole.BFG).scenario();
  private static final Scenario VLTAVA = ScenarioLoader.load(Path.of("scenarios/vltava-care")).scenario();
  private static final Runtime LOCAL = new Runtime("file-local", "mock-auth-header", false);
  private static final Prompts PROMPTS = new Prompts(Path.of("prompts"));
  /** Words of the English templates that a Polish answer must not contain. */
  private static final Pattern ENGLISH = Pattern.compile("Next:|Who:|How:|I am read-only|has not run|can do|"
      + "Nothing has|waits for|Those who|Yes:|No:| is owned by|its owner is|integration gates are ready|That is outside"
      + "|Also:|Signed off by");

  /** A scenario in one state, asked the way the console asks its model. */
  static final class Console {
    final Scenario scenario;
    final Evaluator evaluator;
    SessionState state = SessionState.empty();
    final List<AuditEvent> events = new ArrayList<>();
    Runtime runtime = LOCAL;

    Console(Scenario scenario) {
      this.scenario = scenario;
      this.evaluator = new Evaluator(scenario);
    }

    Evaluator.Assessment assessment() {
      return evaluator.assess(runtime, state);
    }

    Evaluation evaluation(Lang lang) {
      return evaluator.evaluate(runtime, state, lang);
    }

    ReadinessFacts facts(Lang lang) {
      return new ReadinessFacts(scenario, new FoldedNames(scenario, evaluation(lang)), state, events);
    }

    /**
     * The state a real console's journal records, event by event as the console replays it at start-up:
     * a question set written against a console where people signed, decided and ran pipelines.
     */
    Console replay(Path journal) {
      try {
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
          if (!line.isEmpty()) {
            AuditEvent event = AuditChain.parse(line.getBytes(StandardCharsets.UTF_8));
            events.add(event);
            state = state.apply(event);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** As a console started with a target database configured (the live-credentials check can pass). */
    Console withLiveCredentials() {
      runtime = new Runtime(runtime.storage(), runtime.auth(), true);
      return this;
    }

    /** A sign-off as the server makes it: CommandRules decides the event. */
    Console accept(String actor, String check) {
      CommandRules.Outcome outcome = CommandRules.accept(scenario, assessment(), scenario.actor(actor), check);
      return append(outcome.eventType(), actor, outcome.payload());
    }

    Console decide(String actor, String check, String value) {
      CommandRules.Outcome outcome = CommandRules.decide(scenario, assessment(), scenario.actor(actor), check, value);
      return append(outcome.eventType(), actor, outcome.payload());
    }

    /** A finished run of {@code pipeline} whose every step passed. */
    Console passed(String actor, String pipeline) {
      List<PipelineRun.Step> steps = new ArrayList<>();
      for (String step : Pipelines.STEPS.get(pipeline)) {
        steps.add(new PipelineRun.Step(step, "PASSED", step + " passed", 5, Map.of("proof", pipeline + step)));
      }
      PipelineRun run = new PipelineRun("run-" + pipeline, pipeline, "PASSED", "2026-04-01T07:00:00Z",
          "2026-04-01T07:00:02Z", steps, actor, null);
      ObjectNode payload = JsonNodeFactory.instance.objectNode();
      payload.set("run", new ObjectMapper().valueToTree(run));
      return append(SessionState.PIPELINE_FINISHED, actor, payload);
    }

    private Console append(String type, String actor, ObjectNode payload) {
      long seq = events.size() + 1;
      AuditEvent event = new AuditEvent(seq, type, actor, "2026-04-01T08:00:" + (10 + seq) + "Z", payload,
          "prev", "hash-" + seq);
      events.add(event);
      state = state.apply(event);
      return this;
    }

    /** Asks in the request's {@code lang}, as the console does; asserts the answer needs no correction. */
    String ask(String question, Lang requested) {
      return ask(question, requested, null);
    }

    /** Asked by the actor {@code askerId} (null: by no one in particular), as the console sends it. */
    String ask(String question, Lang requested, String askerId) {
      Lang lang = QuestionReader.language(question, requested);
      LocalChatModel model = new LocalChatModel(this::facts, PROMPTS, Lang.EN);
      CopilotService.Assistant assistant = AiServices.builder(CopilotService.Assistant.class)
          .streamingChatModel(model).tools(new CopilotTools(() -> facts(lang),
              () -> new CopilotTools.Now(scenario, assessment(), evaluation(lang)), true))
          .systemMessageProvider(memory -> PROMPTS.system(lang)).build();
      CompletableFuture<String> answer = new CompletableFuture<>();
      assistant.ask(AskedBy.message(question, askerId == null ? null : scenario.actor(askerId))).onPartialResponse(piece -> { })
          .onCompleteResponse(response -> answer.complete(response.aiMessage().text()))
          .onError(answer::completeExceptionally).start();
      String text;
      try {
        text = answer.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError(question, e);
      }
      Grounding.Checked checked = new Grounding(scenario, assessment(), evaluation(lang)).check(text);
      assertThat(checked.corrections()).as("corrections of: " + text).isEmpty();
      assertThat(checked.warnings()).as("warnings of: " + text).isEmpty();
      assertThat(text).as(question).doesNotContain("?)", ": ?", " ? ", "{");
      if (lang == Lang.PL) {
        assertThat(ENGLISH.matcher(text.replaceAll("\"[^\"]*\"|\\[[^]]*]", "")).find())
            .as("English words in the Polish answer: " + text).isFalse();
      }
      return text;
    }

    String en(String question) {
      return ask(question, Lang.EN);
    }

    String pl(String question) {
      return ask(question, Lang.PL);
    }

    Evaluation.CheckView check(String id) {
      for (Evaluation.GroupView group : evaluation(Lang.EN).groups()) {
        for (Evaluation.CheckView check : group.checks()) {
          if (check.id().equals(id)) {
            return check;
          }
        }
      }
      throw new AssertionError(id);
    }

    Evaluation.GroupView group(String id) {
      return evaluation(Lang.EN).groups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }

    String name(String actor) {
      return scenario.actor(actor).name();
    }

    List<String> holders(String permission) {
      return scenario.actors().stream().filter(a -> a.can(permission)).map(Actor::name).toList();
    }

    List<String> nonHolders(String permission) {
      return scenario.actors().stream().filter(a -> !a.can(permission)).map(Actor::name).toList();
    }
  }

  @Nested
  @DisplayName("on a fresh flagship console")
  class Fresh {
    final Console c = new Console(BFG);

    @Test
    @DisplayName("counts and percentages: gates green, checks ready, a gate's x/y, in both languages")
    void counts() {
      Evaluation.Summary s = c.evaluation(Lang.EN).summary();
      assertThat(c.en("How many gates are green?")).contains(s.gatesReady() + " of " + s.gatesTotal());
      assertThat(c.en("what percentage is done overall")).contains(s.percent() + "%");
      assertThat(c.pl("ile checków jest gotowych?")).contains(s.checksReady() + " z " + s.checksTotal());
      assertThat(c.pl("Ile bramek jeszcze nie jest gotowych?")).contains(
          "(niegotowe: " + (s.gatesTotal() - s.gatesReady()) + ")");
      Evaluation.GroupView contracts = c.group("contracts");
      assertThat(c.en("how many provider contracts are mapped")).contains("[contracts]",
          contracts.done() + "/" + contracts.total()).doesNotContain("REVIEW");
    }

    @Test
    @DisplayName("owners: the check's own owner, never another check's")
    void owners() {
      String owner = c.name(c.check("cutover.database-schema").owner());
      assertThat(c.en("Who owns the database schema check?")).contains(owner, "[cutover.database-schema]");
      assertThat(c.pl("Kto jest właścicielem kontroli schematu DB?")).contains(owner,
          "[cutover.database-schema]");
      assertThat(c.pl("kto odpowiada za schemat db")).contains(owner);
    }

    @Test
    @DisplayName("the rollback drill gate is not the rollback window check")
    void rollbackDrill() {
      Evaluation.GroupView rollback = c.group("rollback");
      for (String answer : List.of(c.pl("co z drillem rollbacku"), c.en("what's the status of the rollback drill?"))) {
        assertThat(answer).contains("[rollback]", rollback.done() + "/" + rollback.total())
            .doesNotContain("board.rollback-window");
      }
    }

    @Test
    @DisplayName("tasks are what the actor may do now by check kind, not every open check they own")
    void tasks() {
      Actor anna = BFG.actor("user_md_anna");
      List<ActorActions.Action> available = ActorActions.available(BFG, c.assessment(), anna);
      String answer = c.en("what's on Anna's plate?");
      assertThat(answer).contains("can do " + available.size() + " things now");
      for (ActorActions.Action action : available) {
        assertThat(answer).contains(action.kind() == ActorActions.Kind.PIPELINE ? "/api/pipelines/" + action.target()
            : "[" + action.target() + "]");
      }
      // each task in the words of its kind: a decision is recorded, not signed off
      assertThat(answer).contains("record the decision").doesNotContain("sign off Hosting");
      // a derived check of hers is open but nobody accepts it by hand
      assertThat(answer).doesNotContain("[contract.scenario-store]", "[session.store-contract]");
      assertThat(c.pl("co Anna może teraz zrobić?")).contains("może teraz zrobić " + available.size() + " rzeczy");
      assertThat(c.en("anything for the driver to do?")).contains(c.name("driver_tarasenko"), "nothing to do");
    }

    @Test
    @DisplayName("permissions: who may run pipelines; the driver may not accept, and who may is named")
    void permissions() {
      String runners = c.en("who can run the pipelines?");
      c.holders("pipelines.run").forEach(name -> assertThat(runners).contains(name));
      c.nonHolders("pipelines.run").forEach(name -> assertThat(runners).doesNotContain(name));
      String driver = c.en("Can the driver accept checks?");
      assertThat(driver).startsWith("No: " + c.name("driver_tarasenko"));
      c.holders("checks.accept").forEach(name -> assertThat(driver).contains(name));
      assertThat(c.pl("Czy kierowca może akceptować kontrole?")).startsWith("Nie: " + c.name("driver_tarasenko"));
      assertThat(c.en("can Olena record the region decision?")).startsWith("No: " + c.name("user_accountant_olena"))
          .contains(c.name(c.check("infra.region").owner()), "POST /api/decisions/infra.region");
      assertThat(c.en("what permissions does Marek have?")).contains("pipelines.run", "checks.accept");
    }

    @Test
    @DisplayName("the live session: where the state is stored and the auth mode")
    void session() {
      assertThat(c.en("where is the state stored right now?")).contains("file-local", "mock-auth-header");
      assertThat(c.pl("gdzie jest teraz przechowywany stan sesji?")).contains("file-local").startsWith("Bieżąca sesja");
      assertThat(c.en("which environments do we have?")).contains("local-demo", "staging", "production");
    }

    @Test
    @DisplayName("a pipeline result before any run is 'not run yet', in Polish in Polish")
    void notRunYet() {
      assertThat(c.en("what did the last dry run find?")).contains("has not run yet", "[dry-run]");
      assertThat(c.en("did the tls fingerprint step pass")).contains("has not run yet",
          "[connection.tls-fingerprint]");
      assertThat(c.pl("jaki był wynik connection checka?")).contains("jeszcze nie był uruchomiony");
    }

    @Test
    @DisplayName("recent changes on a fresh console: nothing recorded, not a refusal")
    void recent() {
      assertThat(c.en("anything change recently?")).startsWith("Nothing has been recorded yet");
      assertThat(c.pl("czy ktoś już coś zaakceptował?")).startsWith("Nic jeszcze nie zapisano");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kick off the connection pipeline", "start the dry run", "run the connection check",
        "please accept contracts frozen", "sign off contracts frozen for me", "can you record hosting for Anna?"})
    @DisplayName("requests to act, whatever the verb, are refused and name who can act and how")
    void actEnglish(String request) {
      String answer = c.en(request);
      assertThat(answer).startsWith("I am read-only").contains("POST /api/").containsPattern("Anna Kowalska");
    }

    @ParameterizedTest
    @ValueSource(strings = {"odpal pipeline connection", "uruchom dry-run", "zatwierdź kontrakty zamrożone",
        "klepnij decyzję o regionie", "zaakceptuj za mnie schemat DB"})
    @DisplayName("requests to act in Polish are refused in Polish, naming who can")
    void actPolish(String request) {
      String answer = c.pl(request);
      assertThat(answer).startsWith("Jestem tylko do odczytu").contains("POST /api/");
    }

    @Test
    @DisplayName("a question about whether someone may act is not a request to act")
    void questionsAreNotRequests() {
      assertThat(c.en("Can the driver accept checks?")).doesNotStartWith("I am read-only");
      assertThat(c.en("who can kick off the connection pipeline?")).doesNotStartWith("I am read-only")
          .contains("Anna Kowalska", "Marek Zielinski");
    }

    @Test
    @DisplayName("out of scope: a short decline and what can be answered, in the question's language")
    void outOfScope() {
      assertThat(c.en("write a haiku about the cutover")).startsWith("That is outside what I can answer")
          .doesNotContain("[");
      assertThat(c.en("what will hosting cost per month?")).startsWith("That is outside what I can answer");
      assertThat(c.pl("ile będzie kosztował hosting miesięcznie?")).startsWith("To jest poza zakresem");
    }

    @Test
    @DisplayName("decision codes in any case")
    void codes() {
      assertThat(c.en("what does blocked_pending_dry_run mean")).startsWith("BLOCKED_PENDING_DRY_RUN means");
      assertThat(c.pl("co znaczy Blocked_Pending_Connection?")).startsWith("BLOCKED_PENDING_CONNECTION oznacza");
    }

    @Test
    @DisplayName("diacritics fold and Polish endings stem: produkcję = produkcje, preflighcie = preflight")
    void morphology() {
      assertThat(c.pl("co blokuje produkcje")).isEqualTo(c.pl("Co blokuje produkcję?"));
      assertThat(c.pl("czego brakuje w preflighcie?")).contains("[preflight]");
      assertThat(c.pl("ile bramek jest gotowych")).contains("Gotowe bramki integracji");
    }

    @Test
    @DisplayName("a gate's label is quoted as a name, never read as a contradiction")
    void natural() {
      assertThat(c.en("how is the preflight")).doesNotContainPattern("is ready \\[preflight] is");
      assertThat(c.en("What blocks production?")).doesNotContainPattern("is ready \\[[a-z-]+] is");
    }
  }

  @Nested
  @DisplayName("on a flagship console with runs and sign-offs")
  class Progressed {
    final Console c = new Console(BFG).passed("user_md_anna", "connection")
        .accept("user_md_anna", "cutover.contracts-frozen");

    @Test
    @DisplayName("pipeline results, recent changes, counts and tasks follow the state")
    void followsState() {
      assertThat(c.en("what did the connection check find?")).contains("PASSED", "[connection]");
      assertThat(c.en("what changed recently?")).contains("[cutover.contracts-frozen]", "Anna Kowalska");
      Evaluation.Summary s = c.evaluation(Lang.EN).summary();
      assertThat(c.pl("ile kontroli jest gotowych?")).contains(s.checksReady() + " z " + s.checksTotal());
      assertThat(c.en("what's on Anna's plate?")).doesNotContain("sign off Contracts frozen");
      assertThat(c.en("Is contracts frozen signed off?")).contains("Signed off by Anna Kowalska");
      assertThat(c.pl("czy kontrakty są zamrożone?")).contains("Akceptacja: Anna Kowalska");
    }
  }

  @Nested
  @DisplayName("on the second scenario")
  class SecondScenario {
    final Console c = new Console(VLTAVA);

    @Test
    @DisplayName("owners, tasks, counts and permissions from its own names, in both languages")
    void basics() {
      String dpo = c.name("lhorak");
      assertThat(c.en("who owns the legal basis check?")).contains(dpo, "[dpia.legal-basis]");
      assertThat(c.pl("kto jest właścicielem podstawy prawnej?")).contains(dpo, "[dpia.legal-basis]");
      int tasks = ActorActions.available(VLTAVA, c.assessment(), VLTAVA.actor("lhorak")).size();
      assertThat(c.en("what does the DPO have to do?")).startsWith(dpo).contains(tasks == 1 ? "one thing"
          : tasks + " things");
      Evaluation.GroupView link = c.group("link");
      assertThat(c.en("how many link checks pass?")).contains(link.done() + "/" + link.total(), "[link]");
      String runners = c.pl("kto może uruchamiać pipeline'y?");
      c.holders("pipelines.run").forEach(name -> assertThat(runners).contains(name));
      c.nonHolders("pipelines.run").forEach(name -> assertThat(runners).doesNotContain(name));
    }

    @Test
    @DisplayName("requests to act and out-of-scope questions")
    void refusals() {
      assertThat(c.en("sign off the legal basis for me")).startsWith("I am read-only").contains(c.name("lhorak"));
      assertThat(c.pl("odpal pipeline link")).startsWith("Jestem tylko do odczytu").contains(c.name("tnovotny"));
      assertThat(c.en("tell me a joke about hospitals")).startsWith("That is outside");
    }

    @Test
    @DisplayName("after the DPO signs, the answers follow")
    void progressed() {
      Console signed = new Console(VLTAVA).accept("lhorak", "dpia.legal-basis");
      assertThat(signed.en("is the legal basis signed off?")).contains("Signed off by " + signed.name("lhorak"));
      assertThat(signed.pl("co się ostatnio zmieniło?")).contains("[dpia.legal-basis]");
    }
  }
}
