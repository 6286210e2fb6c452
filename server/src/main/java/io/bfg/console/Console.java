package io.bfg.console;

import io.bfg.console.auth.BearerTokens;
import io.bfg.console.auth.IdentityServices;
import io.bfg.console.auth.LoginRoutes;
import io.bfg.console.auth.OidcProvider;
import io.bfg.console.copilot.CopilotService;
import io.bfg.console.http.HttpVerticle;
import io.bfg.console.model.Runtime;
import io.bfg.console.pipeline.PipelineRunner;
import io.bfg.console.scenario.ScenarioLoader;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.store.FileLocalStore;
import io.bfg.console.store.ScenarioStore;
import io.bfg.console.targetdb.TargetProvider;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running console wired from a config and a loaded scenario: the file-local store, the
 * readiness service and one HTTP/feed verticle per event loop. {@code Main} and the tests start it
 * the same way, so what is tested is what runs.
 */
public final class Console {

  /** Vert.x shares a negative port among the instances that ask for the same one: one per console. */
  private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

  private final Vertx vertx;
  private final Path journal;
  private final ScenarioStore store;
  private final ReadinessService service;
  private final TargetProvider targets;
  private final List<HttpVerticle> verticles;
  private final String deployment;
  private final IdentityServices identity;

  private Console(Vertx vertx, Path journal, ScenarioStore store, ReadinessService service, TargetProvider targets,
                  List<HttpVerticle> verticles, String deployment, IdentityServices identity) {
    this.identity = identity;
    this.vertx = vertx;
    this.journal = journal;
    this.store = store;
    this.service = service;
    this.targets = targets;
    this.verticles = verticles;
    this.deployment = deployment;
  }

  /**
   * Vert.x as the console runs it: nothing is served from the class path (the dashboard and prompts
   * are files), so Vert.x needs no file cache, which it would otherwise create under /tmp.
   */
  public static VertxOptions vertxOptions() {
    return new VertxOptions().setFileSystemOptions(new FileSystemOptions()
        .setClassPathResolvingEnabled(false).setFileCachingEnabled(false));
  }

  /** Where a scenario's journal lives under the data dir. */
  public static Path journalOf(AppConfig config, ScenarioLoader.Loaded loaded) {
    return config.dataDir().resolve(loaded.scenario().id()).resolve("audit.ndjson");
  }

  /**
   * The browser login of CONSOLE_AUTH=oidc (sealed session cookie, PKCE login, logout). The one place its
   * session reader and /auth/* routes are plugged in.
   */
  static final IdentityServices.BrowserFactory BROWSER_LOGIN = LoginRoutes::browser;

  /** Replays the journal, then listens; fails (with the store released) if either step fails. */
  public static Future<Console> start(Vertx vertx, AppConfig config, ScenarioLoader.Loaded loaded) {
    return start(vertx, config, loaded, BROWSER_LOGIN);
  }

  /** As above with another browser login (tests give a session reader of their own). */
  public static Future<Console> start(Vertx vertx, AppConfig config, ScenarioLoader.Loaded loaded,
                                      IdentityServices.BrowserFactory browser) {
    Path journal = journalOf(config, loaded);
    return vertx.fileSystem().mkdirs(journal.getParent().toString()).compose(created -> {
      ScenarioStore store = new FileLocalStore(vertx, journal, Clock.systemUTC());
      ReadinessService service = new ReadinessService(loaded.scenario(), loaded.snapshot(),
          new Runtime(store.adapter(), config.auth(), config.liveCredentials()), store, vertx.eventBus());
      TargetProvider targets = new TargetProvider(vertx, config.target(), config.dataDir(),
          loaded.scenario().database());
      PipelineRunner pipelines = new PipelineRunner(vertx, service, targets, PipelineRunner.DEFAULT_BATCH_ROWS,
          config.identityProbe());
      CopilotService copilot = new CopilotService(vertx, service, config.copilot());
      List<HttpVerticle> verticles = Collections.synchronizedList(new ArrayList<>());
      // several instances asked for "any free port" must all serve the same one
      int port = config.port() == 0 && config.eventLoops() > 1 ? -SHARED_RANDOM_PORTS.incrementAndGet()
          : config.port();
      return identity(vertx, config, service, browser).compose(identity -> service.start(vertx)
          .compose(ignored -> vertx.deployVerticle(() -> {
            HttpVerticle http = new HttpVerticle(config, service, pipelines, copilot, identity, port);
            verticles.add(http);
            return http;
          }, new DeploymentOptions().setInstances(config.eventLoops())))
          .map(id -> new Console(vertx, journal, store, service, targets, List.copyOf(verticles), id, identity))
          .recover(failure -> stop(identity).transform(ignored -> Future.failedFuture(failure))))
          .recover(failure -> store.close().transform(ignored -> Future.failedFuture(failure)));
    });
  }

  /**
   * CONSOLE_AUTH=oidc's parts, or null in mock-auth-header mode. Discovery starts here and retries in the
   * background: the console serves (and says on /health why it refuses identities) while the issuer is away.
   * The browser login plugs in here: its session reader and its /auth/* routes.
   */
  private static Future<IdentityServices> identity(Vertx vertx, AppConfig config, ReadinessService service,
                                                   IdentityServices.BrowserFactory browserFactory) {
    if (!config.oidcMode()) {
      return Future.succeededFuture(null);
    }
    OidcProvider provider = new OidcProvider(vertx, config.oidc());
    provider.start();
    return browserFactory.create(vertx, provider, service::actorKnownAs, config.dataDir())
        .map(browser -> new IdentityServices(provider,
            new BearerTokens(provider, service::actorKnownAs, Clock.systemUTC()), browser.sessions(), browser.login()))
        .onFailure(failure -> provider.stop());
  }

  private static Future<Void> stop(IdentityServices identity) {
    if (identity == null) {
      return Future.succeededFuture();
    }
    identity.provider().stop();
    return identity.login().close();
  }

  public int port() {
    return verticles.get(0).actualPort();
  }

  public Path journal() {
    return journal;
  }

  public ScenarioStore store() {
    return store;
  }

  public ReadinessService service() {
    return service;
  }

  /** The HTTP/feed verticles, one per event loop. */
  public List<HttpVerticle> verticles() {
    return verticles;
  }

  /** The adapter database the pipelines rehearse against. */
  public TargetProvider targets() {
    return targets;
  }

  /** Stops listening, then releases the journal and stops the embedded target if it was started. */
  public Future<Void> stop() {
    return vertx.undeploy(deployment).eventually(() -> stop(identity)).eventually(store::close)
        .eventually(() -> vertx.executeBlocking(() -> {
          targets.close();
          return null;
        }));
  }
}
