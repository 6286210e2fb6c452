package io.bfg.console.copilot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The copilot's tools: read-only questions to the current evaluation, answered as JSON. There is
 * deliberately no tool that writes, so no prompt, however it is worded, can change state. Each
 * call reads the state as it is at that moment.
 */
public final class CopilotTools {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<ReadinessFacts> facts;

  public CopilotTools(Supplier<ReadinessFacts> facts) {
    this.facts = facts;
  }

  @Tool("The production go/no-go decision, gates ready, every integration gate with its status, done/total and decision code, and the ids of the providers and pipelines")
  public String summary() {
    return json(facts.get().summary());
  }

  @Tool("The gates that are not ready, what each waits for, and the next action with who must do it")
  public String blockers() {
    return json(facts.get().blockers());
  }

  @Tool("One gate or group by id (as the summary lists them) or label: status, done/total, decision code, what blocks it, its checks and owners")
  public String gate(@P("the gate or group id, or its label") String id) {
    return found(facts.get().gate(id), "no gate or group '" + id + "'");
  }

  @Tool("One check by id (as a gate lists its checks) or label: status, owner, what blocks it, its sign-off and the command that moves it")
  public String check(@P("the check id, or its label") String id) {
    return found(facts.get().check(id), "no check '" + id + "'");
  }

  @Tool("The recommended next action: what to do, why, who must do it and with which command, or why nobody can move it from the console")
  public String nextAction() {
    return json(facts.get().nextAction());
  }

  @Tool("The open checks an actor owns: those they can act on now and those still blocked")
  public String ownerTasks(@P("the actor id or name") String actor) {
    return found(facts.get().ownerTasks(actor), "no actor '" + actor + "'");
  }

  @Tool("A provider contract by id or name (the summary lists them): current and target mode, owner, status and the check that proves it")
  public String provider(@P("the provider id or name") String provider) {
    return found(facts.get().provider(provider), "no provider '" + provider + "'");
  }

  @Tool("The last run of a pipeline (one the summary lists) or of the pipeline proving a gate: status, when, and each step's result")
  public String lastRun(@P("the pipeline id, or the gate it proves") String pipeline) {
    return found(facts.get().lastRun(pipeline), "this scenario runs no pipeline '" + pipeline + "'");
  }

  @Tool("The most recent audit events: sign-offs, decisions and pipeline runs, with who and when")
  public String recentChanges(@P("how many events, 1 to 50") int limit) {
    return json(facts.get().recentChanges(limit));
  }

  @Tool("What a decision code such as BLOCKED_PENDING_DRY_RUN means and which groups carry it now")
  public String decisionCode(@P("the decision code") String code) {
    return json(facts.get().decisionCode(code));
  }

  private static String found(Map<String, Object> result, String missing) {
    return result == null ? json(Map.of("error", missing)) : json(result);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tool result failed to serialise", e);
    }
  }
}
