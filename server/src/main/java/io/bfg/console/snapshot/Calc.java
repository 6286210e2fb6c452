package io.bfg.console.snapshot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The arithmetic of a {@code calc} generator: numbers, paths, {@code + - * /}, unary minus and
 * parentheses, with the usual precedence. Parsed once when the data model is read; any null
 * operand makes the result null, as in SQL.
 */
final class Calc {

  /** A parsed expression, evaluated against a row. */
  interface Expr {
    BigDecimal eval(Function<String, BigDecimal> operand);
  }

  private final String text;
  private final List<String> tokens = new ArrayList<>();
  private final List<String> paths = new ArrayList<>();
  private int pos;

  private Calc(String text) {
    this.text = text;
  }

  /** The expression and the paths it reads, in order; throws IllegalArgumentException naming the problem. */
  static Expr parse(String text, List<String> pathsOut) {
    Calc calc = new Calc(text);
    calc.tokenize();
    if (calc.tokens.isEmpty()) {
      throw new IllegalArgumentException("an empty expression");
    }
    Expr expr = calc.sum();
    if (calc.pos < calc.tokens.size()) {
      throw new IllegalArgumentException("unexpected '" + calc.tokens.get(calc.pos) + "' in '" + text + "'");
    }
    pathsOut.addAll(calc.paths);
    return expr;
  }

  private void tokenize() {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if ("+-*/()".indexOf(c) >= 0) {
        tokens.add(String.valueOf(c));
        i++;
      } else if (Character.isDigit(c) || c == '.') {
        int start = i;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
            || text.charAt(i) == '.')) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' in '" + text + "'");
      }
    }
  }

  private Expr sum() {
    Expr left = product();
    while (peek("+") || peek("-")) {
      boolean plus = tokens.get(pos++).equals("+");
      Expr l = left;
      Expr r = product();
      left = op -> binary(l.eval(op), r.eval(op), plus ? BigDecimal::add : BigDecimal::subtract);
    }
    return left;
  }

  private Expr product() {
    Expr left = unary();
    while (peek("*") || peek("/")) {
      boolean times = tokens.get(pos++).equals("*");
      Expr l = left;
      Expr r = unary();
      left = op -> binary(l.eval(op), r.eval(op), times ? BigDecimal::multiply
          : (a, b) -> b.signum() == 0 ? null : a.divide(b, MathContext.DECIMAL64));
    }
    return left;
  }

  private Expr unary() {
    if (peek("-")) {
      pos++;
      Expr inner = unary();
      return op -> {
        BigDecimal value = inner.eval(op);
        return value == null ? null : value.negate();
      };
    }
    return atom();
  }

  private Expr atom() {
    if (pos >= tokens.size()) {
      throw new IllegalArgumentException("'" + text + "' ends too early");
    }
    String token = tokens.get(pos++);
    if (token.equals("(")) {
      Expr inner = sum();
      if (!peek(")")) {
        throw new IllegalArgumentException("a '(' without its ')' in '" + text + "'");
      }
      pos++;
      return inner;
    }
    if (Character.isDigit(token.charAt(0)) || token.charAt(0) == '.') {
      BigDecimal constant;
      try {
        constant = new BigDecimal(token);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + token + "' is not a number");
      }
      return op -> constant;
    }
    if (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') {
      paths.add(token);
      return op -> op.apply(token);
    }
    throw new IllegalArgumentException("unexpected '" + token + "' in '" + text + "'");
  }

  private boolean peek(String token) {
    return pos < tokens.size() && tokens.get(pos).equals(token);
  }

  private static BigDecimal binary(BigDecimal a, BigDecimal b, java.util.function.BinaryOperator<BigDecimal> op) {
    return a == null || b == null ? null : op.apply(a, b);
  }
}
