package io.bfg.console;

import io.bfg.console.auth.OidcSettings;
import io.bfg.console.copilot.CopilotSettings;
import io.bfg.console.http.EdgeSettings;
import io.bfg.console.pipeline.IdentityProbeSettings;
import io.bfg.console.store.StoreConfig;
import io.bfg.console.targetdb.TargetEndpoint;
import io.bfg.console.targetdb.TargetSettings;

import com.sun.management.UnixOperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of the console, read once from the environment (CLI flags may override), validated
 * here and nowhere else. A bad value fails start-up with a message naming the variable.
 *
 * <p>{@code publicUrl} (CONSOLE_PUBLIC_URL, where clients reach the console, e.g. behind a proxy) is null
 * when unset: its default, {@code http://<host>:<port>}, is known only once the port is bound.
 * {@code oidc} is null unless {@code auth} is {@link #OIDC}; {@code identityProbe} (the identity check's
 * settings: the same CONSOLE_OIDC_* plus the probe client) is read in every mode, so an operator can
 * prove the IdP before switching to it.
 */
public record AppConfig(String host, int port, Path scenarioDir, Path dataDir, Path webDir, TargetSettings target,
                        String auth, boolean allowRemoteMockAuth, int maxBodyBytes, Set<String> wsOrigins,
                        int eventLoops, CopilotSettings copilot, URI publicUrl, EdgeSettings edge,
                        OidcSettings oidc, IdentityProbeSettings identityProbe, StoreConfig store) {

  public static final String MOCK_AUTH = "mock-auth-header";
  /** Where scenario folders live, relative to the working directory. */
  static final Path SCENARIOS = Path.of("scenarios");
  /** The file in {@link #SCENARIOS} naming the folder served when CONSOLE_SCENARIO is unset. */
  static final String DEFAULT_SCENARIO_FILE = "DEFAULT";
  public static final String OIDC = "oidc";

  /** A setting that cannot be used; {@code variable} names the environment variable or flag. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String variable, String problem) {
      super(variable + ": " + problem, null, false, false);
    }
  }

  /** Environment variable for each CLI flag that may override it. */
  private static final Map<String, String> FLAGS = Map.of(
      "--host", "CONSOLE_HOST",
      "--port", "CONSOLE_PORT",
      "--scenario", "CONSOLE_SCENARIO",
      "--data-dir", "CONSOLE_DATA_DIR",
      "--web-dir", "CONSOLE_WEB_DIR",
      "--auth", "CONSOLE_AUTH");

  public static AppConfig from(Map<String, String> environment, List<String> flags) {
    Map<String, String> env = new HashMap<>(environment);
    for (int i = 0; i < flags.size(); i++) {
      String flag = flags.get(i);
      String variable = FLAGS.get(flag);
      if (variable == null) {
        throw new ConfigException(flag, "unknown option (known: " + FLAGS.keySet().stream().sorted().toList() + ")");
      }
      if (i + 1 >= flags.size()) {
        throw new ConfigException(flag, "needs a value");
      }
      env.put(variable, flags.get(++i));
    }
    String host = value(env, "CONSOLE_HOST", "127.0.0.1");
    int port = integer(env, "CONSOLE_PORT", 8080, 0, 65535);
    String auth = value(env, "CONSOLE_AUTH", MOCK_AUTH);
    if (!auth.equals(MOCK_AUTH) && !auth.equals(OIDC)) {
      throw new ConfigException("CONSOLE_AUTH", "'" + auth + "' is not one of mock-auth-header, oidc");
    }
    byte[] sessionKey = sessionKey(env.get("CONSOLE_SESSION_KEY"));
    OidcSettings oidc = auth.equals(OIDC) ? oidc(env, sessionKey) : null;
    boolean allowRemote = flag(env, "CONSOLE_ALLOW_REMOTE_MOCK_AUTH");
    // an identity provider vouches for every caller in oidc mode, so any bind address is safe there
    if (oidc == null && !isLoopback(host) && !allowRemote) {
      throw new ConfigException("CONSOLE_HOST", host + " is not a loopback address, and mock-auth-header trusts "
          + "any X-Actor-Id it is sent; bind to 127.0.0.1, or set CONSOLE_ALLOW_REMOTE_MOCK_AUTH=true if every "
          + "client on that network may act as any actor");
    }
    URI publicUrl = publicUrl(env.get("CONSOLE_PUBLIC_URL"));
    Set<String> allowedHosts = allowedHosts(env.get("CONSOLE_ALLOWED_HOSTS"));
    if (isAnyAddress(host) && allowedHosts.isEmpty() && publicUrl == null) {
      // bound to every interface, the console cannot know the names its clients use, and serving any
      // Host would let a DNS-rebinding page act through a visitor's browser
      throw new ConfigException("CONSOLE_ALLOWED_HOSTS", "the console listens on " + host + " (every interface), "
          + "so it must be told the names clients reach it by: set CONSOLE_ALLOWED_HOSTS (e.g. "
          + "console.example.com,localhost) or CONSOLE_PUBLIC_URL (e.g. https://console.example.com); "
          + "requests naming any other Host are refused with 421");
    }
    return new AppConfig(host, port, scenarioDir(env, SCENARIOS),
        Path.of(value(env, "CONSOLE_DATA_DIR", "data")), Path.of(value(env, "CONSOLE_WEB_DIR", "web")), target(env),
        auth, allowRemote, integer(env, "CONSOLE_MAX_BODY_BYTES", 64 * 1024, 256, 16 * 1024 * 1024),
        origins(env.get("CONSOLE_WS_ORIGINS")),
        integer(env, "CONSOLE_EVENT_LOOPS", java.lang.Runtime.getRuntime().availableProcessors(), 1, 64),
        copilot(env), publicUrl,
        new EdgeSettings(allowedHosts, integer(env, "CONSOLE_HTTP_HEADER_TIMEOUT_MS", 10_000, 100, 600_000),
            integer(env, "CONSOLE_HTTP_IDLE_TIMEOUT_MS", 60_000, 100, 3_600_000), maxConnections(env)), oidc,
        identityProbe(env), store(env));
  }

  /**
   * CONSOLE_STORE, CONSOLE_STORE_PG_URL (the journal's home with postgres; its password is never echoed) and
   * CONSOLE_INSTANCE_ID (what /health and the log call this console among several on one store).
   */
  private static StoreConfig store(Map<String, String> env) {
    String kind = value(env, "CONSOLE_STORE", StoreConfig.FILE);
    if (!kind.equals(StoreConfig.FILE) && !kind.equals(StoreConfig.POSTGRES)) {
      throw new ConfigException("CONSOLE_STORE", "'" + kind + "' is not one of file, postgres");
    }
    TargetEndpoint url = null;
    String text = value(env, "CONSOLE_STORE_PG_URL", null);
    // read with the file store too (the move between stores names its destination so), validated alike
    if (text != null) {
      url = endpoint("CONSOLE_STORE_PG_URL", text);
    }
    String instance = value(env, "CONSOLE_INSTANCE_ID", null);
    if (instance != null && !instance.matches("[A-Za-z0-9._:@/-]{1,128}")) {
      throw new ConfigException("CONSOLE_INSTANCE_ID", "'" + instance + "' is not a name of 1 to 128 letters, digits "
          + "and . _ : @ / -");
    }
    return new StoreConfig(kind, url, instance, instance != null ? null : hostname(env));
  }

  /** HOSTNAME when the shell exports it, else what the system says; read once, at start-up. */
  private static String hostname(Map<String, String> env) {
    String name = value(env, "HOSTNAME", null);
    if (name != null) {
      return name;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** Whether requests are authenticated by an OpenID Connect provider (else by the mock header). */
  public boolean oidcMode() {
    return oidc != null;
  }

  /** CONSOLE_OIDC_*: the issuer and client are required; the secret is never echoed in a message. */
  private static OidcSettings oidc(Map<String, String> env, byte[] sessionKey) {
    URI issuer = issuer(env);
    if (issuer == null) {
      throw new ConfigException("CONSOLE_OIDC_ISSUER", "CONSOLE_AUTH=oidc needs the issuer's URL (discovery is "
          + "read from <issuer>/.well-known/openid-configuration), e.g. https://idp.example.com/realms/ops");
    }
    String clientId = value(env, "CONSOLE_OIDC_CLIENT_ID", null);
    if (clientId == null) {
      throw new ConfigException("CONSOLE_OIDC_CLIENT_ID", "CONSOLE_AUTH=oidc needs the console's client id at the "
          + "identity provider");
    }
    String secret = env.get("CONSOLE_OIDC_CLIENT_SECRET");
    secret = secret == null || secret.isBlank() ? null : secret.trim();
    String audience = value(env, "CONSOLE_OIDC_AUDIENCE", clientId);
    return new OidcSettings(issuer, clientId, secret, audience, actorClaim(env), sessionKey);
  }

  /** CONSOLE_OIDC_ISSUER, null when unset; exit 2 naming it when it is not an http(s) URL. */
  private static URI issuer(Map<String, String> env) {
    String issuerText = value(env, "CONSOLE_OIDC_ISSUER", null);
    if (issuerText == null) {
      return null;
    }
    URI issuer;
    try {
      issuer = new URI(issuerText);
    } catch (URISyntaxException e) {
      throw new ConfigException("CONSOLE_OIDC_ISSUER", "'" + issuerText + "' is not a URL: " + e.getReason());
    }
    boolean web = "http".equalsIgnoreCase(issuer.getScheme()) || "https".equalsIgnoreCase(issuer.getScheme());
    if (!web || issuer.getHost() == null || issuer.getRawUserInfo() != null || issuer.getRawQuery() != null
        || issuer.getRawFragment() != null) {
      throw new ConfigException("CONSOLE_OIDC_ISSUER", "'" + issuerText + "' is not an http(s) URL without user, "
          + "query or fragment, e.g. https://idp.example.com/realms/ops");
    }
    return issuer;
  }

  private static String actorClaim(Map<String, String> env) {
    String claim = value(env, "CONSOLE_OIDC_ACTOR_CLAIM", "sub");
    if (!claim.matches("[A-Za-z0-9_.:-]{1,128}")) {
      throw new ConfigException("CONSOLE_OIDC_ACTOR_CLAIM", "'" + claim + "' is not a claim name (letters, digits, "
          + "_ . : -), e.g. sub, email or preferred_username");
    }
    return claim;
  }

  /** CONSOLE_SESSION_KEY: standard base64 of exactly 32 bytes (AES-256); the value is never echoed. */
  private static byte[] sessionKey(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("CONSOLE_SESSION_KEY", "is not base64 (make one with: openssl rand -base64 32)");
    }
    if (key.length != 32) {
      throw new ConfigException("CONSOLE_SESSION_KEY", "decodes to " + key.length + " bytes, not 32 (make one with: "
          + "openssl rand -base64 32)");
    }
    return key;
  }

  /** Whether production credentials were supplied from outside the demo workspace (an external target). */
  public boolean liveCredentials() {
    return !target.embedded();
  }

  /** Secrets stay out of anything that prints the configuration. */
  @Override
  public String toString() {
    return "AppConfig[host=" + host + ", port=" + port + ", scenarioDir=" + scenarioDir + ", dataDir=" + dataDir
        + ", webDir=" + webDir + ", target=" + target + ", auth=" + auth + ", eventLoops=" + eventLoops
        + ", copilot=" + copilot + ", publicUrl=" + publicUrl + ", edge=" + edge + ", oidc=" + oidc
        + ", identityProbe=" + identityProbe + ", store=" + store + "]";
  }

  /**
   * CONSOLE_SCENARIO, else the folder of {@code scenarios} (the console's: {@link #SCENARIOS}) that
   * its file {@link #DEFAULT_SCENARIO_FILE} names (its first line that is neither blank nor a #
   * comment): the engine names no scenario of its own, and a newcomer who runs it from the project
   * root gets the one the project ships.
   */
  static Path scenarioDir(Map<String, String> env, Path scenarios) {
    String configured = value(env, "CONSOLE_SCENARIO", null);
    if (configured != null) {
      return Path.of(configured);
    }
    Path file = scenarios.resolve(DEFAULT_SCENARIO_FILE);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("CONSOLE_SCENARIO", "not set, and " + file.toAbsolutePath() + " (which names the "
          + "default scenario) does not exist; set CONSOLE_SCENARIO to a scenario folder, or run from the folder "
          + "that holds scenarios/");
    } catch (IOException e) {
      throw new ConfigException("CONSOLE_SCENARIO", "not set, and " + file.toAbsolutePath() + " cannot be read: "
          + e.getMessage());
    }
    String name = lines.stream().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .findFirst().orElse("");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new ConfigException("CONSOLE_SCENARIO", "not set, and " + file.toAbsolutePath() + " does not name a "
          + "folder of " + scenarios + " on its first line (e.g. acme-logistics), but '" + name + "'");
    }
    return scenarios.resolve(name);
  }

  private static CopilotSettings copilot(Map<String, String> env) {
    String model = value(env, "CONSOLE_COPILOT_MODEL", "local");
    if (!List.of("local", "openai", "ollama").contains(model)) {
      throw new ConfigException("CONSOLE_COPILOT_MODEL", "'" + model + "' is not one of local, openai, ollama");
    }
    String baseUrl = env.get("CONSOLE_COPILOT_BASE_URL");
    if (!model.equals("local") && (baseUrl == null || !baseUrl.trim().matches("https?://\\S+"))) {
      throw new ConfigException("CONSOLE_COPILOT_BASE_URL", "the " + model + " model needs the http(s) URL of its "
          + "server, e.g. http://127.0.0.1:8081/v1 for a llama.cpp server");
    }
    String name = env.get("CONSOLE_COPILOT_MODEL_NAME");
    if (!model.equals("local") && (name == null || name.isBlank())) {
      throw new ConfigException("CONSOLE_COPILOT_MODEL_NAME", "the " + model + " model needs a model name");
    }
    return new CopilotSettings(model, baseUrl == null ? null : baseUrl.trim(), name, env.get("CONSOLE_COPILOT_API_KEY"),
        integer(env, "CONSOLE_COPILOT_TIMEOUT_MS", 30_000, 100, 600_000),
        integer(env, "CONSOLE_COPILOT_RATE_PER_MINUTE", 20, 1, 10_000_000),
        integer(env, "CONSOLE_COPILOT_ANSWERS_PER_SECOND", 2_000, 1, 1_000_000),
        Path.of(value(env, "CONSOLE_PROMPTS_DIR", "prompts")));
  }

  /**
   * A PostgreSQL URL from {@code variable}, refused at start-up rather than at the first connection when it
   * cannot work: a CA file the console cannot read would fail every run before it reached the server.
   */
  private static TargetEndpoint endpoint(String variable, String url) {
    TargetEndpoint endpoint;
    try {
      endpoint = TargetEndpoint.parse(url);
    } catch (IllegalArgumentException e) {
      // the message never echoes the URL: it may carry a password
      throw new ConfigException(variable, e.getMessage());
    }
    if (endpoint.rootCert() != null && !Files.isReadable(Path.of(endpoint.rootCert()))) {
      throw new ConfigException(variable, "sslrootcert '" + endpoint.rootCert() + "' is not a file the console can "
          + "read");
    }
    return endpoint;
  }

  private static TargetSettings target(Map<String, String> env) {
    String url = env.get("CONSOLE_TARGET_PG_URL");
    TargetEndpoint external = null;
    if (url != null && !url.isBlank()) {
      external = endpoint("CONSOLE_TARGET_PG_URL", url.trim());
    }
    // unset: the runtime role the scenario declares (database.runtimeRole), known once it is loaded
    String role = value(env, "CONSOLE_TARGET_RUNTIME_ROLE", null);
    if (role != null && !role.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new ConfigException("CONSOLE_TARGET_RUNTIME_ROLE", "'" + role + "' is not a plain lower-case role name");
    }
    return new TargetSettings(external, integer(env, "CONSOLE_TARGET_TIMEOUT_MS", 5000, 100, 600_000),
        integer(env, "CONSOLE_TARGET_STATEMENT_TIMEOUT_MS", 30_000, 100, 3_600_000), role);
  }

  /**
   * The identity check's settings, read in every auth mode (an operator proves the IdP before switching
   * CONSOLE_AUTH): unset values stay null and the check says which are missing; a value that can never
   * work (an issuer that is not an http(s) URL, a malformed claim name) stops start-up as in oidc mode.
   */
  private static IdentityProbeSettings identityProbe(Map<String, String> env) {
    URI issuer = issuer(env);
    return new IdentityProbeSettings(issuer == null ? null : issuer.toString(),
        value(env, "CONSOLE_OIDC_CLIENT_ID", null), value(env, "CONSOLE_OIDC_AUDIENCE", null), actorClaim(env),
        value(env, "CONSOLE_OIDC_PROBE_CLIENT_ID", null), value(env, "CONSOLE_OIDC_PROBE_CLIENT_SECRET", null),
        value(env, "CONSOLE_OIDC_PROBE_SCOPE", null), IdentityProbeSettings.DEFAULT_TIMEOUT_MS);
  }

  /** Extra browser origins allowed on the feed besides the console's own, e.g. {@code https://ops.example.com}. */
  private static Set<String> origins(String list) {
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String origin : list.split(",")) {
      String trimmed = origin.trim().replaceAll("/+$", "");
      if (!trimmed.matches("https?://[^/\\s]+")) {
        throw new ConfigException("CONSOLE_WS_ORIGINS", "'" + trimmed + "' is not an origin like https://host:port");
      }
      out.add(trimmed);
    }
    return Set.copyOf(out);
  }

  /** An http(s) origin the console is reached at, possibly behind a proxy; nothing after the authority but "/". */
  private static URI publicUrl(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    try {
      URI uri = new URI(trimmed);
      boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      String path = uri.getRawPath();
      if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
          || uri.getRawFragment() != null || !(path == null || path.isEmpty() || path.equals("/"))) {
        throw new ConfigException("CONSOLE_PUBLIC_URL", "'" + trimmed + "' is not an http(s) URL with nothing after "
            + "the host and port, e.g. https://console.example.com or http://10.0.0.5:8080");
      }
      return new URI(uri.getScheme().toLowerCase(Locale.ROOT), null, uri.getHost().toLowerCase(Locale.ROOT),
          uri.getPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw new ConfigException("CONSOLE_PUBLIC_URL", "'" + trimmed + "' is not a URL: " + e.getReason());
    }
  }

  /** Host names (any port) or host:port pairs the console answers to besides its own loopback names. */
  private static Set<String> allowedHosts(String list) {
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String entry : list.split(",")) {
      String trimmed = entry.trim().toLowerCase(Locale.ROOT);
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.matches("([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?"
          + "|\\[[0-9a-f:.]+\\](:[0-9]{1,5})?")
          || trimmed.matches(".*:[0-9]+") && Integer.parseInt(trimmed.substring(trimmed.lastIndexOf(':') + 1)) > 65535) {
        throw new ConfigException("CONSOLE_ALLOWED_HOSTS", "'" + trimmed + "' is not a host name or host:port "
            + "(e.g. console.example.com, console.lan:8080, 10.0.0.5, [fd00::5]:8080)");
      }
      out.add(trimmed);
    }
    return Set.copyOf(out);
  }

  /**
   * Each open connection holds a file descriptor; past the process's limit, accepting fails and the
   * journal, PostgreSQL and the JVM itself can no longer open files. The default keeps a tenth of the
   * limit (at least 256) for them.
   */
  private static int maxConnections(Map<String, String> env) {
    long limit = openFileLimit();
    long fallback = Math.max(1, Math.max(limit / 2, limit - Math.max(256, limit / 10)));
    int max = integer(env, "CONSOLE_MAX_CONNECTIONS", (int) Math.min(Integer.MAX_VALUE, fallback), 1, Integer.MAX_VALUE);
    if (max >= limit) {
      throw new ConfigException("CONSOLE_MAX_CONNECTIONS", max + " is not below this process's open-file limit of "
          + limit + " (ulimit -n); lower it, or raise the limit");
    }
    return max;
  }

  private static long openFileLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
        && unix.getMaxFileDescriptorCount() > 0) {
      return unix.getMaxFileDescriptorCount();
    }
    // no way to ask this platform; a limit most systems grant
    return 10_240;
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw new ConfigException(name, parsed + " is outside " + min + ".." + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "'" + value + "' is not a whole number");
    }
  }

  private static boolean flag(Map<String, String> env, String name) {
    String value = env.getOrDefault(name, "false").trim();
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new ConfigException(name, "must be true or false");
  }

  /** Bound to 0.0.0.0 or ::, where the console cannot know the names its clients use. */
  public boolean listensOnEveryInterface() {
    return isAnyAddress(host);
  }

  private static boolean isAnyAddress(String host) {
    try {
      return isAddressLiteral(host) && InetAddress.getByName(host).isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static boolean isLoopback(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    try {
      return isAddressLiteral(host) && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Literal addresses only: a name would need DNS, which is not ours to trust or wait for. */
  private static boolean isAddressLiteral(String host) {
    return host.matches("[0-9.]+|\\[?[0-9a-fA-F]*:[0-9a-fA-F:.]*\\]?");
  }
}
