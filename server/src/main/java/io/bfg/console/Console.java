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
import io.bfg.console.service.JournalFollower;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.store.PgPipelineClaims;
import io.bfg.console.store.PgScenarioStore;
import io.bfg.console.store.PipelineClaims;
import io.bfg.console.store.ScenarioStore;
import io.bfg.console.store.StoreProvider;
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
 * One running console wired from a config and a loaded scenario: the store CONSOLE_STORE names
 * (with the shared one, a {@link JournalFollower} keeping it level with the other consoles), the
 * readiness service and one HTTP/feed verticle per event loop. {@code Main} and the tests start it
 * the same way, so what is tested is what runs.
 */
public final class Console {

  /** Vert.x shares a negative port among the instances that ask for the same one: one per console. */
  private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

  private final Vertx vertx;
  private final Path journal;
  private final StoreProvider stores;
  private final JournalFollower follower;
  private final PipelineClaims claims;
  private final ScenarioStore store;
  private final ReadinessService service;
  private final TargetProvider targets;
  private final List<HttpVerticle> verticles;
  private final String deployment;
  private final IdentityServices identity;

  private Console(Vertx vertx, Path journal, StoreProvider stores, JournalFollower follower, PipelineClaims claims,
                  ScenarioStore store,
                  ReadinessService service, TargetProvider targets, List<HttpVerticle> verticles, String deployment,
                  IdentityServices identity) {
    this.identity = identity;
    this.stores = stores;
    this.follower = follower;
    this.claims = claims;
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
    StoreProvider stores = new StoreProvider(vertx, config.store(), config.dataDir());
    return vertx.fileSystem().mkdirs(journal.getParent().toString())
        .compose(created -> stores.open(loaded.scenario().id(), journal))
        .recover(failure -> closeBlocking(vertx, stores).transform(ignored -> Future.failedFuture(failure)))
        .compose(store -> {
          ReadinessService service = new ReadinessService(loaded.scenario(), loaded.snapshot(),
              new Runtime(store.adapter(), config.auth(), config.liveCredentials()), store, vertx.eventBus());
          TargetProvider targets = new TargetProvider(vertx, config.target(), config.dataDir(),
              loaded.scenario().database());
          List<HttpVerticle> verticles = Collections.synchronizedList(new ArrayList<>());
          // the instance id may name the port, bound only when the verticles listen; claims made later
          PipelineClaims claims = store instanceof PgScenarioStore shared
              ? PgPipelineClaims.of(vertx, shared, () -> config.store().instance(verticles.get(0).actualPort()))
              : PipelineClaims.LOCAL;
          PipelineRunner pipelines = new PipelineRunner(vertx, service, targets, PipelineRunner.DEFAULT_BATCH_ROWS,
              config.identityProbe(), claims);
          CopilotService copilot = new CopilotService(vertx, service, config.copilot());
          // several instances asked for "any free port" must all serve the same one
          int port = config.port() == 0 && config.eventLoops() > 1 ? -SHARED_RANDOM_PORTS.incrementAndGet()
              : config.port();
          JournalFollower follower = store instanceof PgScenarioStore shared
              ? new JournalFollower(vertx, shared, service) : null;
          return identity(vertx, config, service, browser).compose(identity -> service.start(vertx)
              .compose(ignored -> follower == null ? Future.<Void>succeededFuture() : follower.start())
              .compose(ignored -> vertx.deployVerticle(() -> {
                HttpVerticle http = new HttpVerticle(config, service, pipelines, copilot, identity, port);
                verticles.add(http);
                return http;
              }, new DeploymentOptions().setInstances(config.eventLoops())))
              .compose(id -> claims.follow(pipelines::relay).map(id))
              .map(id -> new Console(vertx, journal, stores, follower, claims, store, service, targets,
                  List.copyOf(verticles), id, identity))
              .recover(failure -> stop(identity).transform(ignored -> Future.failedFuture(failure))))
              .recover(failure -> (follower == null ? Future.<Void>succeededFuture() : follower.stop())
                  .eventually(claims::close).eventually(store::close).eventually(() -> closeBlocking(vertx, stores))
                  .transform(ignored -> Future.failedFuture(failure)));
        });
  }

  private static Future<Void> closeBlocking(Vertx vertx, StoreProvider stores) {
    return vertx.executeBlocking(() -> {
      stores.close();
      return null;
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

  /** Where the store keeps the journal, for the start-up line (no password). */
  public String storeLocation() {
    return stores.describe(journal);
  }

  /** Stops the embedded store-pg, if it was started; blocking (Main's shutdown hook). */
  public void closeStoreServer() {
    stores.close();
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

  /** Stops listening, then releases the journal and stops the embedded servers it started. */
  public Future<Void> stop() {
    return vertx.undeploy(deployment).eventually(() -> stop(identity))
        .eventually(() -> follower == null ? Future.succeededFuture() : follower.stop())
        .eventually(claims::close)
        .eventually(store::close)
        .eventually(() -> vertx.executeBlocking(() -> {
          targets.close();
          stores.close();
          return null;
        }));
  }
}
