package io.bfg.console.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * CSRF for the browser session: a cookie rides along with any cross-site request, so a request
 * authenticated by the session cookie that may change something (any method but GET and HEAD) must
 * come from a page of the console itself: its {@code Origin} equals the public URL's origin. Bearer
 * and mock-header requests carry no ambient credential and are exempt. The one rule for every route
 * and for {@code POST /auth/logout}.
 */
public final class OriginCheck {

  private OriginCheck() {
  }

  /** Refuses with 403 CSRF unless the request may go on. */
  public static void check(String method, Identity.Via via, String origin, String publicOrigin) {
    if (!allows(method, via, origin, publicOrigin)) {
      throw new AuthRefusal(403, "CSRF", origin == null
          ? "a request signed in by the session cookie must carry the console's Origin (" + publicOrigin + ")"
          : "a request signed in by the session cookie must come from " + publicOrigin + ", not " + origin);
    }
  }

  public static boolean allows(String method, Identity.Via via, String origin, String publicOrigin) {
    if (via != Identity.Via.SESSION || "GET".equals(method) || "HEAD".equals(method)) {
      return true;
    }
    String normalized = normalize(origin);
    return normalized != null && normalized.equals(normalize(publicOrigin));
  }

  /** {@code scheme://host:port} with the default port spelled out, or null for anything else ("null" included). */
  static String normalize(String origin) {
    if (origin == null) {
      return null;
    }
    try {
      URI uri = new URI(origin.trim());
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme)) || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null || uri.getRawFragment() != null
          || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
        return null;
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
