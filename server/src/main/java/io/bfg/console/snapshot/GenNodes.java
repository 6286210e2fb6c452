package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.bfg.console.model.Actor;
import io.bfg.console.snapshot.Generators.Gen;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The generators that keep state between rows or have structure of their own ({@code format} with
 * its check, {@code ref}, {@code running}, {@code once}/{@code per}/{@code nullChance}), and the
 * conversions every generator shares. {@link Generators} builds them from the declarations.
 */
final class GenNodes {

  /** How many times a value is drawn again before the declaration is blamed. */
  static final int MAX_DRAWS = 100;
  static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

  private GenNodes() {
  }

  /** A constant bound or a path to one. */
  record Bound(BigDecimal constant, Gen path, String at) {
    BigDecimal eval(RowContext ctx) {
      return constant != null ? constant : decimal(path.eval(ctx), at, "the bound");
    }
  }

  record TimeBound(Instant constant, Gen path, Duration offset, String at) {
    Instant eval(RowContext ctx) {
      if (constant != null) {
        return constant.plus(offset);
      }
      Val value = path.eval(ctx);
      if (value.isNull()) {
        return null;
      }
      String text = value.node().asText();
      try {
        Instant base = ISO_DATE.matcher(text).matches() ? LocalDate.parse(text).atStartOfDay(ctx.run().zone()).toInstant()
            : OffsetDateTime.parse(text).toInstant();
        return base.plus(offset);
      } catch (DateTimeParseException e) {
        throw new DataModelException(at, "'" + text + "' is not a date or a timestamp");
      }
    }
  }

  record Piece(Gen value, String pattern, String at) {
  }

  record Check(String algorithm, List<Integer> weights, int polynomial, int init, String separator) {
  }

  record Condition(String column, Set<String> accepted, Gen dynamic) {
  }

  /**
   * Draws a {@code format} (with its parts) again while its mod11 check admits no digit, which
   * {@link Format} signals by returning null.
   */
  record Redraw(Gen format, String at) implements Gen {
    @Override
    public Val eval(RowContext ctx) {
      for (int draw = 0; draw < MAX_DRAWS; draw++) {
        Val value = format.eval(ctx);
        if (value != null) {
          return value;
        }
      }
      throw new DataModelException(at + ".check", "no text with a valid mod11 check digit in " + MAX_DRAWS
          + " draws; some of its digits must be drawn at random (chars in parts)");
    }
  }

  static final class Format implements Gen {
    private final List<Object> pieces;
    private final Check check;
    private final String at;

    Format(List<Object> pieces, Check check, String at) {
      this.pieces = pieces;
      this.check = check;
      this.at = at;
    }

    /** Null (Java) when a mod11 check admits no digit for the text drawn: {@link Redraw} draws again. */
    @Override
    public Val eval(RowContext ctx) {
      String text = render(ctx);
      if (text == null) {
        return Val.NULL;
      }
      if (check == null) {
        return Val.of(TextNode.valueOf(text));
      }
      if (check.algorithm().equals("crc8")) {
        return Val.of(TextNode.valueOf(text + check.separator() + CheckDigits.crc8(text, check.polynomial(), check.init())));
      }
      int digit;
      try {
        digit = CheckDigits.mod11(text, check.weights());
      } catch (IllegalArgumentException e) {
        throw new DataModelException(at, e.getMessage());
      }
      return digit < 0 ? null : Val.of(TextNode.valueOf(text + check.separator() + digit));
    }

    private String render(RowContext ctx) {
      StringBuilder out = new StringBuilder();
      for (Object piece : pieces) {
        if (piece instanceof String literal) {
          out.append(literal);
        } else {
          Piece p = (Piece) piece;
          Val value = p.value().eval(ctx);
          if (value.isNull()) {
            return null;
          }
          out.append(p.pattern() == null ? plain(value.node()) : patterned(value.node(), p.pattern(), ctx, p.at()));
        }
      }
      return out.toString();
    }
  }

  static final class Ref implements Gen {
    private final String table;
    private final String key;
    private final List<Condition> conditions;
    private final boolean distinct;

    Ref(String table, String key, List<Condition> conditions, boolean distinct) {
      this.table = table;
      this.key = key;
      this.conditions = conditions;
      this.distinct = distinct;
    }

    /** Rows meeting the constant conditions, indexed by the values of the conditions that read the row. */
    static final class Candidates {
      final Map<List<String>, List<GenRow>> byKey = new HashMap<>();
      final Map<List<String>, Pool> pools = new HashMap<>();
    }

    @Override
    public Val eval(RowContext ctx) {
      Candidates candidates = ctx.run().state(this, () -> index(ctx.run().rows(table)));
      List<String> dynamic = new ArrayList<>();
      for (Condition condition : conditions) {
        if (condition.dynamic() != null) {
          Val value = condition.dynamic().eval(ctx);
          dynamic.add(value.isNull() ? null : plain(value.node()));
        }
      }
      List<GenRow> rows = candidates.byKey.getOrDefault(dynamic, List.of());
      GenRow row;
      if (distinct) {
        row = candidates.pools.computeIfAbsent(dynamic, k -> new Pool(rows)).draw(ctx.rng());
      } else {
        row = rows.isEmpty() ? null : rows.get(ctx.rng().nextInt(rows.size()));
      }
      if (row == null) {
        ctx.missedRef();
        return Val.NULL;
      }
      return new Val(row.get(key).node(), row);
    }

    private Candidates index(List<GenRow> rows) {
      Candidates out = new Candidates();
      for (GenRow row : rows) {
        List<String> dynamic = new ArrayList<>();
        boolean keep = true;
        for (Condition condition : conditions) {
          Val value = row.get(condition.column());
          String text = value == null || value.isNull() ? null : plain(value.node());
          if (condition.dynamic() != null) {
            dynamic.add(text);
          } else if (text == null || !condition.accepted().contains(text)) {
            keep = false;
            break;
          }
        }
        if (keep) {
          out.byKey.computeIfAbsent(dynamic, k -> new ArrayList<>()).add(row);
        }
      }
      return out;
    }
  }

  /** Rows drawn without putting them back. */
  static final class Pool {
    private final List<GenRow> rows;
    private int used;

    Pool(List<GenRow> rows) {
      this.rows = new ArrayList<>(rows);
    }

    GenRow draw(SplittableRandom rng) {
      if (used == rows.size()) {
        return null;
      }
      int pick = used + rng.nextInt(rows.size() - used);
      GenRow row = rows.get(pick);
      rows.set(pick, rows.get(used));
      rows.set(used++, row);
      return row;
    }
  }

  static final class Running implements Gen {
    private final BigDecimal start;
    private final Gen step;
    private final String type;
    private final String at;

    Running(BigDecimal start, Gen step, String type, String at) {
      this.start = start;
      this.step = step;
      this.type = type;
      this.at = at;
    }

    @Override
    public Val eval(RowContext ctx) {
      BigDecimal[] total = ctx.run().state(this, () -> new BigDecimal[] {start});
      BigDecimal add = decimal(step.eval(ctx), at, "step");
      if (add != null) {
        total[0] = total[0].add(add);
      }
      return Val.of(numberNode(total[0], type));
    }
  }

  /** nullChance, once and per around a generator. */
  static final class Kept implements Gen {
    private final Gen inner;
    private final double nullChance;
    private final boolean once;
    private final Gen per;

    Kept(Gen inner, double nullChance, boolean once, Gen per) {
      this.inner = inner;
      this.nullChance = nullChance;
      this.once = once;
      this.per = per;
    }

    @Override
    public Val eval(RowContext ctx) {
      if (!once && per == null) {
        return draw(ctx);
      }
      Map<String, Val> kept = ctx.run().state(this, HashMap::new);
      String key = "";
      if (per != null) {
        Val by = per.eval(ctx);
        key = by.isNull() ? "\u0000null" : plain(by.node());
      }
      Val value = kept.get(key);
      if (value == null) {
        value = draw(ctx);
        kept.put(key, value);
      }
      return value;
    }

    private Val draw(RowContext ctx) {
      if (nullChance > 0 && ctx.rng().nextDouble() < nullChance) {
        return Val.NULL;
      }
      return inner.eval(ctx);
    }
  }

  // ---------------------------------------------------------------- shared conversions

  static Val actorValue(Actor actor, String field) {
    if (field.equals("permissions")) {
      ArrayNode out = JSON.arrayNode();
      actor.permissions().forEach(out::add);
      return Val.of(out);
    }
    String text = switch (field) {
      case "id" -> actor.id();
      case "name" -> actor.name();
      case "roleKey" -> actor.roleKey();
      case "role", "role.en" -> actor.role() == null ? null : actor.role().en();
      case "role.pl" -> actor.role() == null ? null : actor.role().pl();
      default -> actor.orgUnit();
    };
    return text == null ? Val.NULL : Val.of(TextNode.valueOf(text));
  }

  /** The value as text: strings as they are, numbers without exponent, anything else as JSON. */
  static String plain(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.decimalValue().toPlainString();
    }
    return value.toString();
  }

  static String patterned(JsonNode value, String pattern, RowContext ctx, String at) {
    if (value.isNumber()) {
      if (!pattern.matches("0+")) {
        throw new DataModelException(at, "a number's pattern is zeros, one per digit (e.g. 0000), not '" + pattern + "'");
      }
      String digits = value.bigIntegerValue().abs().toString();
      String padded = "0".repeat(Math.max(0, pattern.length() - digits.length())) + digits;
      return value.bigIntegerValue().signum() < 0 ? "-" + padded : padded;
    }
    String text = value.asText();
    try {
      DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, java.util.Locale.ROOT);
      return ISO_DATE.matcher(text).matches() ? LocalDate.parse(text).format(formatter)
          : OffsetDateTime.parse(text).atZoneSameInstant(ctx.run().zone()).format(formatter);
    } catch (DateTimeParseException e) {
      throw new DataModelException(at, "'" + text + "' is not a date or timestamp, so pattern '" + pattern
          + "' does not apply");
    }
  }

  static BigDecimal decimal(Val value, String at, String what) {
    if (value == null || value.isNull()) {
      return null;
    }
    JsonNode node = value.node();
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(node.asText().strip());
      } catch (NumberFormatException e) {
        throw new DataModelException(at, what + " is '" + node.asText() + "', not a number");
      }
    }
    throw new DataModelException(at, what + " is " + node + ", not a number");
  }

  static JsonNode numberNode(BigDecimal value, String type) {
    boolean whole = integral(type) || type == null && value.scale() <= 0;
    if (whole) {
      BigInteger exact = value.setScale(0, RoundingMode.HALF_UP).toBigInteger();
      return exact.bitLength() < 32 ? JSON.numberNode(exact.intValue())
          : exact.bitLength() < 64 ? JSON.numberNode(exact.longValue()) : JSON.numberNode(exact);
    }
    return JSON.numberNode(value);
  }

  static int pick(SplittableRandom rng, double[] cumulative) {
    double draw = rng.nextDouble() * cumulative[cumulative.length - 1];
    for (int i = 0; i < cumulative.length; i++) {
      if (draw < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  static boolean integral(String type) {
    return "integer".equals(type) || "bigint".equals(type);
  }
}
