package io.bfg.console.http;

import io.bfg.console.AppConfig;
import io.bfg.console.auth.IdentityServices;
import io.bfg.console.auth.LoginRoutes;
import io.bfg.console.copilot.CopilotService;
import io.bfg.console.pipeline.PipelineRunner;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.ws.FeedHub;
import io.bfg.console.ws.FeedSettings;
import io.bfg.console.ws.FeedSocketHandler;
import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URI;

/** The HTTP edge: the router below is the table of contents of the API. */
public final class HttpVerticle extends VerticleBase {

  private final AppConfig config;
  private final ReadinessService service;
  private final PipelineRunner pipelines;
  private final CopilotService copilot;
  private final IdentityServices identity;
  private HttpServer server;
  private FeedHub hub;
  private HostGuard hosts;
  private ConnectionLimit connections;

  private final int port;

  public HttpVerticle(AppConfig config, ReadinessService service, PipelineRunner pipelines, CopilotService copilot) {
    this(config, service, pipelines, copilot, null, config.port());
  }

  /**
   * {@code port} may differ from the configured one: several instances asked for "any free port"
   * listen on Vert.x's shared random port (a negative number) so they all serve the same one.
   * {@code identity} is null in mock-auth-header mode.
   */
  public HttpVerticle(AppConfig config, ReadinessService service, PipelineRunner pipelines, CopilotService copilot,
                      IdentityServices identity, int port) {
    this.config = config;
    this.service = service;
    this.pipelines = pipelines;
    this.copilot = copilot;
    this.identity = identity;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    FeedSettings feedSettings = FeedSettings.defaults();
    hub = new FeedHub(vertx, service, copilot, feedSettings);
    hub.start();
    // permessage-deflate stays off: the evaluation is written once for every subscriber, and
    // compressing per connection would cost CPU for each of them
    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(port)
        .setCompressionSupported(false)
        // HTTP/1.1 and WebSocket only: an h2c upgrade offer (java.net.http's default) is answered in HTTP/1.1
        .setHttp2ClearTextEnabled(false)
        // the hub reassembles messages and closes with 1009 past maxMessageBytes; this frame cap only
        // guards the decoder (a single frame beyond it drops the connection)
        .setMaxWebSocketFrameSize(FeedSettings.FRAME_HARD_CAP_BYTES)
        .setMaxWebSocketMessageSize(FeedSettings.FRAME_HARD_CAP_BYTES)
        // bounds what the kernel holds for a subscriber that stopped reading
        .setSendBufferSize(feedSettings.writeQueueBytes())
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false));
    hosts = new HostGuard(config, server::actualPort);
    connections = new ConnectionLimit(config.edge().maxConnections(), config.eventLoops());
    return vertx.executeBlocking(() -> WebAssets.load(config.webDir().toAbsolutePath())).compose(web -> {
      Router router = router(web);
      return server
          .connectionHandler(this::accept)
          .invalidRequestHandler(Errors::invalidRequest)
          .requestHandler(request -> {
            if (hosts.admit(request)) {
              router.handle(request);
            }
          })
          .listen();
    });
  }

  /** Past the connection limit a connection is closed at once; below it, it gets its timeouts. */
  private void accept(HttpConnection connection) {
    Channel channel = NettyChannels.of(connection);
    if (connections.admit(channel)) {
      NettyChannels.addBeforeVertx(channel, "console-timeouts",
          new ConnectionTimeouts(config.edge().headerTimeoutMillis(), config.edge().idleTimeoutMillis()));
    }
  }

  @Override
  public Future<?> stop() {
    hub.stop();
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** CONSOLE_PUBLIC_URL's origin, else the address the console listens on: where its own pages come from. */
  private String publicOrigin() {
    if (config.publicUrl() != null) {
      return config.publicUrl().getScheme() + "://" + config.publicUrl().getRawAuthority();
    }
    return "http://" + (config.host().contains(":") ? "[" + config.host() + "]" : config.host()) + ":"
        + server.actualPort();
  }

  /** CONSOLE_PUBLIC_URL, else the address the console listens on. */
  private URI publicUrl() {
    return config.publicUrl() != null ? config.publicUrl() : URI.create(publicOrigin());
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  Router router(WebAssets web) {
    ReadHandlers read = new ReadHandlers(service, config.auth(), identity == null ? null : identity.provider(),
        () -> config.store().instance(server.actualPort()));
    CommandHandlers commands = new CommandHandlers(service);
    PipelineHandlers runs = new PipelineHandlers(pipelines);
    CopilotHandlers copilotHandlers = new CopilotHandlers(copilot);
    // who may do what: in oidc mode every route but /health, /auth/* and static files needs an identity;
    // in mock-auth-header mode reads are anonymous and X-Actor-Id names the actor of a command
    Handler<RoutingContext> auth;
    Handler<RoutingContext> optionalAuth;
    Handler<RoutingContext> readAuth;
    if (identity != null) {
      auth = new OidcAuth(identity.bearer(), identity.sessions(), this::publicOrigin);
      optionalAuth = auth;
      readAuth = auth;
    } else {
      auth = new MockHeaderAuth(service, config.allowRemoteMockAuth(), true);
      optionalAuth = new MockHeaderAuth(service, config.allowRemoteMockAuth(), false);
      readAuth = RoutingContext::next;
    }
    FeedSocketHandler feed = new FeedSocketHandler(hub,
        origin -> config.wsOrigins().contains(origin) || hosts.isOwnOrigin(origin));
    Errors errors = new Errors();
    Handler<RoutingContext> body = bodyAsBytes(config.maxBodyBytes());
    Router router = Router.router(vertx);

    get(router, "/health").handler(read::health);
    get(router, "/api/me").handler(auth).handler(read::me);
    get(router, "/api/actions").handler(auth).handler(read::actions);
    get(router, "/api/evaluation").handler(readAuth).handler(read::evaluation);
    get(router, "/api/checks").handler(readAuth).handler(read::checks);
    get(router, "/api/checks/:checkId").handler(readAuth).handler(read::check);
    router.post("/api/checks/:checkId/accept").handler(body).handler(auth).handler(commands::accept);
    router.post("/api/checks/:checkId/revoke").handler(body).handler(auth).handler(commands::revoke);
    router.post("/api/decisions/:checkId").handler(body).handler(auth).handler(commands::decide);
    get(router, "/api/packets").handler(readAuth).handler(read::packets);
    get(router, "/api/packets/:packetId").handler(readAuth).handler(read::packet);
    get(router, "/api/snapshot").handler(readAuth).handler(read::snapshot);
    get(router, "/api/audit").handler(readAuth).handler(read::audit);
    get(router, "/api/audit/verify").handler(readAuth).handler(read::verify);
    get(router, "/api/pipelines").handler(readAuth).handler(runs::overview);
    router.post("/api/pipelines/:pipeline").handler(body).handler(auth).handler(runs::start);
    get(router, "/api/pipelines/:runId").handler(readAuth).handler(runs::transcript);
    router.post("/api/copilot/ask").handler(body).handler(optionalAuth).handler(copilotHandlers::ask);

    get(router, "/ws").handler(feed::validate).handler(optionalAuth)
        .handler(feed::upgrade);
    // the browser login (/auth/*): its routes come before the static files, which would answer those paths
    (identity != null ? identity.login() : LoginRoutes.mockMode()).mount(router, this::publicUrl);
    if (identity != null) {
      // in oidc mode any other /api path needs an identity before it may learn it does not exist
      router.route("/api/*").handler(auth);
    }
    // static files everywhere but /api and /ws, so an API path keeps its own 404/405
    router.routeWithRegex("^/(?!api/|api$|ws$).*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(new StaticAssets(web));

    router.route().failureHandler(errors);
    router.errorHandler(404, rc -> Errors.byStatus(rc, 404));
    router.errorHandler(405, rc -> Errors.byStatus(rc, 405));
    return router;
  }

  /** A read route: HEAD is answered as GET is, without the body. */
  private static Route get(Router router, String path) {
    return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(HttpVerticle::headLength);
  }

  /**
   * Vert.x drops the body of an answer to HEAD but leaves Content-Length off; GET's answer would carry
   * the length of the body it drops, so HEAD's does too.
   */
  private static void headLength(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.HEAD) {
      rc.next();
      return;
    }
    HttpServerResponse response = rc.response();
    rc.addHeadersEndHandler(ignored -> {
      if (!response.isChunked() && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
        response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(response.bytesWritten()));
      }
    });
    rc.next();
  }

  /**
   * The body as bytes for the handlers to parse, whatever its content type, up to the body limit
   * (413 past it). No route takes a form, so Netty's form decoder, which BodyHandler starts for a
   * form content type, is stopped again before any of the body reaches it: inside it a long field or
   * a stray '%' (curl -d sends JSON as a form) failed the request with a 500.
   */
  private static Handler<RoutingContext> bodyAsBytes(int limit) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(limit);
    return rc -> {
      body.handle(rc);
      HttpServerRequest request = rc.request();
      if (!request.isEnded() && request.isExpectMultipart()) {
        request.setExpectMultipart(false);
      }
    };
  }
}
