package io.bfg.console.store;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.bfg.console.store.Journals.await;

/**
 * A TCP relay between the store and its PostgreSQL, for the faults a database server cannot be
 * told to show on cue: {@link #stop()} is a server gone (connections cut, new ones refused),
 * {@link #freeze()} one that stopped answering (bytes swallowed, connections left open).
 */
final class TcpProxy {

  private final NetServer server;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean frozen;

  private TcpProxy(Vertx vertx, String host, int port) {
    NetClient client = vertx.createNetClient();
    this.server = vertx.createNetServer().connectHandler(in -> {
      in.pause();
      client.connect(port, host).onSuccess(out -> {
        sockets.add(in);
        sockets.add(out);
        open.add(in);
        in.handler(bytes -> {
          if (!frozen) {
            out.write(bytes);
          }
        });
        out.handler(bytes -> {
          if (!frozen) {
            in.write(bytes);
          }
        });
        in.closeHandler(ignored -> {
          open.remove(in);
          out.close();
        });
        out.closeHandler(ignored -> in.close());
        in.resume();
      }).onFailure(failure -> in.close());
    });
  }

  static TcpProxy start(Vertx vertx, String host, int port) {
    TcpProxy proxy = new TcpProxy(vertx, host, port);
    await(proxy.server.listen(0, "127.0.0.1"));
    return proxy;
  }

  /** A relay on a given port: the server back at the address its clients knew. */
  static TcpProxy startOn(Vertx vertx, int listenPort, String host, int port) {
    TcpProxy proxy = new TcpProxy(vertx, host, port);
    await(proxy.server.listen(listenPort, "127.0.0.1"));
    return proxy;
  }

  int port() {
    return server.actualPort();
  }

  /** Client connections relayed and not yet closed. */
  int openConnections() {
    return open.size();
  }

  void freeze() {
    frozen = true;
  }

  void stop() {
    await(server.close());
    sockets.forEach(NetSocket::close);
  }
}
