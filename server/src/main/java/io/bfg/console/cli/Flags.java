package io.bfg.console.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} pairs of a CLI command, refusing unknown names and missing values; {@code --help}
 * or {@code -h} in place of a name asks for the command's usage instead.
 */
public final class Flags {

  private final Map<String, String> values = new HashMap<>();
  private boolean help;

  private Flags() {
  }

  static Flags parse(List<String> args, Set<String> known) {
    Flags flags = new Flags();
    if (wantsHelp(args)) {
      flags.help = true;
      return flags;
    }
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option " + name + " (known: " + known.stream().sorted().toList() + ")");
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      flags.values.put(name, args.get(++i));
    }
    return flags;
  }

  /**
   * Every option takes a value, so names sit at even positions: {@code --url -h} is a URL, while
   * {@code --bogus 1 --help} still asks for help rather than failing on {@code --bogus}.
   */
  /** --token, else CONSOLE_TOKEN, else null (a mock-auth-header console needs none). */
  static String token(Flags flags, java.util.Map<String, String> environment) {
    String token = flags.get("--token");
    if (token == null) {
      token = environment.get("CONSOLE_TOKEN");
    }
    if (token == null || token.isBlank()) {
      return null;
    }
    if (token.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
      throw new IllegalArgumentException("--token (or CONSOLE_TOKEN) holds spaces or control characters; pass the "
          + "bare token the identity provider issued");
    }
    return token;
  }

  /** One line for a 401/403: what was refused, the console's error code and message, and what to do. */
  static String refusal(String url, int status, String code, String message, boolean sentToken) {
    return url + " refused " + (sentToken ? "the token" : "the request") + ": HTTP " + status
        + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : " (" + message + ")")
        + (sentToken || status == 403 ? "" : "; pass --token or set CONSOLE_TOKEN");
  }

  public static boolean wantsHelp(List<String> args) {
    for (int i = 0; i < args.size(); i += 2) {
      if (args.get(i).equals("--help") || args.get(i).equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /** The command was asked for its usage; no other value was read. */
  boolean help() {
    return help;
  }

  String get(String name) {
    return values.get(name);
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  long number(String name, long fallback, long min, long max) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
    }
  }
}
