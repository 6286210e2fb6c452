package io.bfg.console.http;

import io.bfg.console.AppConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The defence against DNS rebinding. mock-auth-header trusts loopback clients, and a browser showing
 * a page of a rebinding domain is a loopback client whose requests name that domain in {@code Host}.
 * So a request is served only when its Host is one of the console's own names; any other is refused
 * with 421 before routing, so no body is read and nothing changes. The console's names are:
 * <ul>
 *   <li>{@code localhost}, {@code 127.0.0.1}, {@code [::1]} and the bind address, with the port the
 *       console listens on (no port counts as 80);</li>
 *   <li>the host of CONSOLE_PUBLIC_URL, with any port (a proxy in front may forward it with or without one);</li>
 *   <li>the entries of CONSOLE_ALLOWED_HOSTS: a bare name with any port, {@code name:port} with that port.</li>
 * </ul>
 * The feed's Origin check uses the same names ({@link #isOwnOrigin}), never the request's own Host.
 */
final class HostGuard {

  private static final int HTTP_PORT = 80;
  private static final int HTTPS_PORT = 443;

  private final Set<String> onOwnPort;
  private final Set<String> anyPort;
  private final Set<String> exact;
  private final IntSupplier ownPort;

  /**
   * {@code ownPort} is read per request: with port 0 the port is known only once bound, and a request
   * can only arrive after that.
   */
  HostGuard(AppConfig config, IntSupplier ownPort) {
    Set<String> own = new HashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
    if (!config.listensOnEveryInterface()) {
      own.add(bracketed(config.host().toLowerCase(Locale.ROOT)));
    }
    Set<String> named = new HashSet<>();
    Set<String> withPort = new HashSet<>();
    if (config.publicUrl() != null) {
      named.add(bracketed(config.publicUrl().getHost().toLowerCase(Locale.ROOT)));
    }
    for (String entry : config.edge().allowedHosts()) {
      HostAndPort parsed = HostAndPort.parseAuthority(entry, -1);
      if (parsed == null) {
        throw new IllegalArgumentException("not a host or host:port: " + entry);
      }
      if (parsed.port() < 0) {
        named.add(parsed.host().toLowerCase(Locale.ROOT));
      } else {
        withPort.add(parsed.host().toLowerCase(Locale.ROOT) + ":" + parsed.port());
      }
    }
    this.onOwnPort = Set.copyOf(own);
    this.anyPort = Set.copyOf(named);
    this.exact = Set.copyOf(withPort);
    this.ownPort = ownPort;
  }

  /** True when the request may be routed; otherwise it has been answered with the refusal. */
  boolean admit(HttpServerRequest request) {
    List<String> hosts = request.headers().getAll(HttpHeaders.HOST);
    if (hosts.isEmpty() && request.version() == HttpVersion.HTTP_1_0) {
      // HTTP/1.0 predates Host; a browser always sends one, so a request without it is no rebinding
      return true;
    }
    if (hosts.size() != 1) {
      return refuse(request, 400, "BAD_HOST", "an HTTP/1.1 request names the console in exactly one Host header");
    }
    HostAndPort authority = HostAndPort.parseAuthority(hosts.get(0), -1);
    if (authority == null) {
      return refuse(request, 400, "BAD_HOST", "the Host header is not a host or host:port");
    }
    if (!isOwn(authority.host(), authority.port() < 0 ? HTTP_PORT : authority.port())) {
      return refuse(request, 421, "HOST_NOT_ALLOWED", "'" + hosts.get(0) + "' is not a name of this console; if "
          + "clients reach it by that name, add it to CONSOLE_ALLOWED_HOSTS or set CONSOLE_PUBLIC_URL");
    }
    return true;
  }

  /** A browser origin ({@code http(s)://host[:port]}) of a page the console itself serves. */
  boolean isOwnOrigin(String origin) {
    int separator = origin.indexOf("://");
    if (separator < 0) {
      return false;
    }
    String scheme = origin.substring(0, separator);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return false;
    }
    HostAndPort authority = HostAndPort.parseAuthority(origin.substring(separator + 3), -1);
    if (authority == null) {
      return false;
    }
    int port = authority.port() >= 0 ? authority.port() : scheme.equals("https") ? HTTPS_PORT : HTTP_PORT;
    return isOwn(authority.host(), port);
  }

  private boolean isOwn(String host, int port) {
    String name = host.toLowerCase(Locale.ROOT);
    return anyPort.contains(name) || exact.contains(name + ":" + port)
        || onOwnPort.contains(name) && port == ownPort.getAsInt();
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static boolean refuse(HttpServerRequest request, int status, String code, String message) {
    Errors.send(request.response(), status, code, message);
    return false;
  }
}
