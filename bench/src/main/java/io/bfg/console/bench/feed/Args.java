package io.bfg.console.bench.feed;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The load generators' command lines: {@code --key value} pairs, and bare {@code --flag}s named up front. */
public final class Args {

  private Args() {
  }

  /** Each flag in {@code flags} maps to "true"; any other option takes the next argument as its value. */
  public static Map<String, String> parse(String[] args, Set<String> flags) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String key = args[i].substring(2);
      if (flags.contains(key)) {
        out.put(key, "true");
      } else if (i + 1 < args.length) {
        out.put(key, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + key + " needs a value");
      }
    }
    return out;
  }
}
