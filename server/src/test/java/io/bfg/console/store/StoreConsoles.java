package io.bfg.console.store;

import io.bfg.console.http.RunningConsole;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TestTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Consoles sharing one PostgreSQL store inside a test: each console on a Vert.x of its own (a machine
 * of its own), relays that can be cut between a console and its store, feed subscribers; everything
 * stopped by {@link #close()}, which may be called more than once.
 */
final class StoreConsoles implements AutoCloseable {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path dataDir;
  private final List<Vertx> vertxes = new ArrayList<>();
  private final List<RunningConsole> consoles = new ArrayList<>();
  private final List<TcpProxy> relays = new ArrayList<>();
  /*
   * Held until close: Vert.x 5 closes a client that is no longer reachable, and with it every socket
   * it opened (a subscriber would lose its feed, or its handshake, to a garbage collection).
   */
  private final List<WebSocketClient> feedClients = new ArrayList<>();

  /** Each console keeps its own data under {@code dataDir/<name>}. */
  StoreConsoles(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** A new, empty database on the tests' PostgreSQL, as its superuser (the consoles create schema and role). */
  static TargetEndpoint freshDatabase(String prefix) {
    TestTarget target = TestTarget.get();
    String database = prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    target.sql(target.admin().database(), "create database " + database);
    return target.admin().withDatabase(database);
  }

  /** The console {@code name} on the store at {@code store}; {@code extra} adds or overrides settings. */
  RunningConsole start(String name, TargetEndpoint store, Map<String, String> extra) {
    return start(name, store, extra, newVertx());
  }

  RunningConsole start(String name, TargetEndpoint store) {
    return start(name, store, Map.of());
  }

  /** As above, on a Vert.x the test holds, to close it as if the machine were gone ({@link #forget}). */
  RunningConsole start(String name, TargetEndpoint store, Map<String, String> extra, Vertx vertx) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("CONSOLE_INSTANCE_ID", name);
    if (store != null) {
      env.put("CONSOLE_STORE", "postgres");
      env.put("CONSOLE_STORE_PG_URL", TestTarget.url(store));
    }
    return adopt(RunningConsole.start(vertx, RunningConsole.BFG, dataDir.resolve(name), env));
  }

  /** A console the test started itself, stopped with the others. */
  RunningConsole adopt(RunningConsole console) {
    consoles.add(console);
    return console;
  }

  Vertx newVertx() {
    Vertx vertx = Vertx.vertx();
    vertxes.add(vertx);
    return vertx;
  }

  /**
   * Closes the Vert.x {@code console} runs on now, as a machine that dies: nothing of it says goodbye,
   * and it is not stopped again at the end.
   */
  void forget(RunningConsole console, Vertx vertx) {
    consoles.remove(console);
    vertxes.remove(vertx);
    RunningConsole.await(vertx.close());
  }

  /** A relay to {@code store} on a free port, to cut later; {@link #via} is the store as reached through it. */
  TcpProxy relay(TargetEndpoint store) {
    TcpProxy relay = TcpProxy.start(newVertx(), store.host(), store.port());
    relays.add(relay);
    return relay;
  }

  /** A relay to {@code store} on {@code port}: the store come back at the address a cut relay had. */
  TcpProxy relayOn(int port, TargetEndpoint store) {
    TcpProxy relay = TcpProxy.startOn(newVertx(), port, store.host(), store.port());
    relays.add(relay);
    return relay;
  }

  void cut(TcpProxy relay) {
    relay.stop();
    relays.remove(relay);
  }

  static TargetEndpoint via(TcpProxy relay, TargetEndpoint store) {
    return new TargetEndpoint(store.host(), relay.port(), store.database(), store.user(), store.password(),
        store.sslMode(), store.rootCert());
  }

  /** Every feed message {@code console} sends, in arrival order, from a new subscriber (or one resuming after {@code since}). */
  List<JsonObject> feedOf(RunningConsole console, Long since) {
    List<JsonObject> messages = new CopyOnWriteArrayList<>();
    WebSocketClient client = newVertx().createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(4 * 1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
    feedClients.add(client);
    Future<?> connected = client.webSocket().textMessageHandler(text -> messages.add(new JsonObject(text)))
        .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(console.port())
            .setURI("/ws?lang=en" + (since == null ? "" : "&since=" + since)));
    RunningConsole.await(connected);
    return messages;
  }

  List<JsonObject> feedOf(RunningConsole console) {
    return feedOf(console, null);
  }

  static void awaitUntil(Supplier<Boolean> condition, long millis) throws InterruptedException {
    awaitUntil(condition, millis, () -> "");
  }

  static void awaitUntil(Supplier<Boolean> condition, long millis, Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + millis + " ms " + state.get());
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    feedClients.forEach(client -> RunningConsole.await(client.close()));
    feedClients.clear();
    consoles.forEach(RunningConsole::stop);
    relays.forEach(TcpProxy::stop);
    vertxes.forEach(vertx -> RunningConsole.await(vertx.close()));
    consoles.clear();
    relays.clear();
    vertxes.clear();
  }
}
