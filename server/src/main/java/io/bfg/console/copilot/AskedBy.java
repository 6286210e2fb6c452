package io.bfg.console.copilot;

import io.bfg.console.model.Actor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is asking, carried in the question's own message: "my tasks" and "can I run it" need the
 * asker, and the message is the one thing that reaches any model (hosted ones answer on their own
 * threads, so nothing thread-bound would follow the question). The local model takes the line off
 * again; a hosted model reads it as the system prompt tells it.
 */
final class AskedBy {

  private static final Pattern LINE = Pattern.compile("\\n\\n\\(Asked by (.+), actor id ([\\w.:@-]+)\\.\\)\\z");

  /** The question and, when known, who asks it. */
  record Parsed(String question, String actorId) {
  }

  private AskedBy() {
  }

  /** The message sent to the model: {@code question}, then who asks it when the asker is an actor. */
  static String message(String question, Actor asker) {
    return asker == null ? question : question + "\n\n(Asked by " + asker.name() + ", actor id " + asker.id() + ".)";
  }

  static Parsed parse(String message) {
    Matcher line = LINE.matcher(message);
    return line.find() ? new Parsed(message.substring(0, line.start()), line.group(2)) : new Parsed(message, null);
  }
}
