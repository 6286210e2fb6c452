package io.bfg.console.targetdb;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the adapter database is and how to log in to it. The password is held here and nowhere
 * else: {@link #toString()} and {@link #redacted()} never show it, and {@link #scrub} removes it
 * from any text (an error message, a server notice) before that text leaves the console.
 *
 * @param sslMode  libpq's sslmode: disable, prefer, require, verify-ca or verify-full
 * @param rootCert a PEM file trusted for verify-ca / verify-full, or null
 */
public record TargetEndpoint(String host, int port, String database, String user, String password, String sslMode,
                             String rootCert) {

  public static final String REDACTED = "***";
  static final List<String> SSL_MODES = List.of("disable", "prefer", "require", "verify-ca", "verify-full");
  private static final Pattern URL_CREDENTIALS = Pattern.compile("(postgres(?:ql)?://[^:/@\\s]*):[^@\\s]*@");
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password\\s*[=:]\\s*)\\S+");

  public TargetEndpoint {
    if (!SSL_MODES.contains(sslMode)) {
      throw new IllegalArgumentException("sslmode must be one of " + SSL_MODES);
    }
  }

  /**
   * Reads {@code postgresql://user:password@host:port/database?sslmode=...&sslrootcert=...}. The
   * message of a refusal never contains the URL, which may carry the password.
   */
  public static TargetEndpoint parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL (check that special characters in the password are "
          + "percent-encoded)");
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("must be a postgresql:// URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("names no host");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("names no database (postgresql://user@host:port/DATABASE)");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    if (user == null || user.isEmpty()) {
      throw new IllegalArgumentException("names no user (postgresql://USER:password@host:port/database)");
    }
    Map<String, String> query = query(uri.getRawQuery());
    String sslMode = query.getOrDefault("sslmode", "prefer");
    if (!SSL_MODES.contains(sslMode)) {
      throw new IllegalArgumentException("sslmode '" + sslMode + "' is not one of " + SSL_MODES);
    }
    if (sslMode.startsWith("verify-") && query.get("sslrootcert") == null) {
      // the Pg client has no default trust store: without a CA every run would fail before reaching the host,
      // and that failure would be recorded as the target's
      throw new IllegalArgumentException("sslmode=" + sslMode + " needs sslrootcert=<PEM file of the CA that signed "
          + "the server's certificate> (sslmode=require encrypts without verifying)");
    }
    if (query.containsKey("password")) {
      password = query.get("password");
    }
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    return new TargetEndpoint(uri.getHost(), port, decode(path), user, password, sslMode, query.get("sslrootcert"));
  }

  /** What reviewers, packets, the feed and the audit trail see: everything but the password. */
  public String redacted() {
    return "postgresql://" + user + (password == null ? "" : ":" + REDACTED) + "@" + host + ":" + port + "/"
        + database + "?sslmode=" + sslMode;
  }

  /** Removes the password, and anything shaped like a credential, from text bound for people. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    if (password != null && !password.isEmpty()) {
      out = out.replace(password, REDACTED);
    }
    out = URL_CREDENTIALS.matcher(out).replaceAll("$1:" + REDACTED + "@");
    return PASSWORD_PARAMETER.matcher(out).replaceAll("$1" + REDACTED);
  }

  /** The same endpoint logged in as another role (the embedded target's administrator, a test's owner). */
  public TargetEndpoint as(String otherUser, String otherPassword) {
    return new TargetEndpoint(host, port, database, otherUser, otherPassword, sslMode, rootCert);
  }

  public TargetEndpoint withDatabase(String otherDatabase) {
    return new TargetEndpoint(host, port, otherDatabase, user, password, sslMode, rootCert);
  }

  public TargetEndpoint withSslMode(String otherSslMode) {
    return new TargetEndpoint(host, port, database, user, password, otherSslMode, rootCert);
  }

  /** The Pg client's options; {@code applicationName} shows in pg_stat_activity so a DBA can tell us apart. */
  public PgConnectOptions connectOptions(String applicationName) {
    PgConnectOptions options = new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
        .setPassword(password == null ? "" : password)
        .setSslMode(SslMode.of(sslMode))
        // the dry-run keeps two batches in flight on its one connection (one transaction, in order)
        .setPipeliningLimit(4)
        .setCachePreparedStatements(true);
    options.addProperty("application_name", applicationName);
    if (!sslMode.equals("disable")) {
      ClientSSLOptions ssl = new ClientSSLOptions();
      if (sslMode.startsWith("verify-")) {
        if (rootCert != null) {
          ssl.setTrustOptions(new PemTrustOptions().addCertPath(rootCert));
        }
        ssl.setHostnameVerificationAlgorithm(sslMode.equals("verify-full") ? "HTTPS" : "");
      } else {
        // prefer/require encrypt without verifying, as libpq does
        ssl.setTrustAll(true).setHostnameVerificationAlgorithm("");
      }
      options.setSslOptions(ssl);
    }
    return options;
  }

  @Override
  public String toString() {
    return redacted();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
    }
    return out;
  }

  /** Percent-decoding only: in a URL's user info a '+' is a plus, not a space. */
  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
