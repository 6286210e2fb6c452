package io.bfg.console.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.bfg.console.model.Aliases;
import io.bfg.console.model.Label;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed values out of a parsed YAML/JSON tree, recording a problem with its path instead of
 * throwing, so one load reports every mistake in a file at once.
 */
final class YamlReader {

  private final String file;
  private final List<ScenarioException.Problem> problems;

  YamlReader(String file, List<ScenarioException.Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  void problem(String path, String message) {
    problems.add(new ScenarioException.Problem(file, path, message));
  }

  static String at(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String at(String path, int index) {
    return path + "[" + index + "]";
  }

  /** Flags keys this format does not know: a typo such as {@code dependOn} must not be ignored silently. */
  void onlyKeys(JsonNode object, String path, Set<String> allowed) {
    if (!object.isObject()) {
      return;
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problem(at(path, name), "unknown key '" + name + "' (expected one of " + String.join(", ", sorted(allowed)) + ")");
      }
    }
  }

  boolean isObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      problem(path, "must be a mapping");
      return false;
    }
    return true;
  }

  String text(JsonNode object, String path, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      problem(at(path, field), "is required");
      return null;
    }
    return scalar(value, at(path, field));
  }

  String optionalText(JsonNode object, String path, String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : scalar(value, at(path, field));
  }

  private String scalar(JsonNode value, String path) {
    if (!value.isValueNode()) {
      problem(path, "must be a text, not a " + (value.isArray() ? "list" : "mapping"));
      return null;
    }
    String text = value.asText();
    if (text.isBlank()) {
      problem(path, "must not be empty");
      return null;
    }
    return text;
  }

  boolean flag(JsonNode object, String path, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      problem(at(path, field), "must be true or false");
      return false;
    }
    return value.asBoolean();
  }

  /** A label: a mapping with non-empty {@code en} and {@code pl}. */
  Label label(JsonNode object, String path, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      problem(at(path, field), "label is required (with en and pl)");
      return null;
    }
    return labelValue(value, at(path, field));
  }

  Label optionalLabel(JsonNode object, String path, String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : labelValue(value, at(path, field));
  }

  private Label labelValue(JsonNode value, String path) {
    if (!value.isObject()) {
      problem(path, "label must be a mapping with en and pl");
      return null;
    }
    onlyKeys(value, path, Set.of("en", "pl"));
    String en = value.path("en").asText("");
    String pl = value.path("pl").asText("");
    if (en.isBlank()) {
      problem(at(path, "en"), "English label is missing");
    }
    if (pl.isBlank()) {
      problem(at(path, "pl"), "Polish label is missing");
    }
    return en.isBlank() || pl.isBlank() ? null : new Label(en, pl);
  }

  List<String> strings(JsonNode object, String path, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      problem(at(path, field), "must be a list");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String item = scalar(value.get(i), at(at(path, field), i));
      if (item != null) {
        out.add(item);
      }
    }
    return List.copyOf(out);
  }

  /** Optional {@code aliases: {en: [...], pl: [...]}}; either language may be left out. */
  Aliases aliases(JsonNode object, String path) {
    JsonNode value = object.get("aliases");
    if (value == null || value.isNull()) {
      return Aliases.NONE;
    }
    String at = at(path, "aliases");
    if (!value.isObject()) {
      problem(at, "must be a mapping with en and/or pl lists, e.g. {en: [schema check], pl: [kontrola schematu]}");
      return Aliases.NONE;
    }
    onlyKeys(value, at, Set.of("en", "pl"));
    List<String> en = strings(value, at, "en");
    List<String> pl = strings(value, at, "pl");
    for (String lang : List.of("en", "pl")) {
      List<String> words = lang.equals("en") ? en : pl;
      for (int i = 0; i < words.size(); i++) {
        if (words.get(i).isBlank()) {
          problem(at(at(at, lang), i), "an alias must not be blank");
        }
      }
    }
    return new Aliases(en, pl);
  }

  /** The elements of a list field; records a problem when it is missing and {@code required}. */
  List<JsonNode> list(JsonNode object, String path, String field, boolean required) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        problem(at(path, field), "is required (a list)");
      }
      return List.of();
    }
    if (!value.isArray()) {
      problem(at(path, field), "must be a list");
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    value.elements().forEachRemaining(out::add);
    return out;
  }

  private static List<String> sorted(Set<String> names) {
    List<String> out = new ArrayList<>(names);
    out.sort(null);
    return out;
  }
}
