package io.bfg.console.copilot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import io.bfg.console.model.Lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The default copilot model: offline and deterministic, yet speaking the same protocol as a hosted
 * one. Asked a question, it answers with tool calls chosen by {@link QuestionReader}; given the
 * tools' results, it writes the answer with {@link LocalAnswers} and the templates of the
 * question's language, streamed in small pieces. The AI service runs its tools exactly as it would
 * for any model, so the local path exercises the same tool calling and grounding as the others.
 */
public final class LocalChatModel implements StreamingChatModel {

  public static final String NAME = "local";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PIECE = 24;
  /** More questions than can be between their two rounds at once (4 copilot threads); past it, the oldest re-read. */
  private static final int READINGS = 256;

  private final Function<Lang, ReadinessFacts> facts;
  private final Prompts prompts;
  private final Lang fallback;
  /**
   * Each question's reading from its first round, taken back in its second: the second round then
   * writes the answer for the very tool calls the first chose, and the question is not read twice
   * (reading was most of the cost of an answer). Keyed by the question's message instance, which
   * the AI service sends back in the second round, so a reading never serves another ask.
   */
  private final Map<Asked, QuestionReader.Question> readings = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Asked, QuestionReader.Question> eldest) {
      return size() > READINGS;
    }
  };

  /** A question's message by identity: two asks of the same text are two keys. */
  private record Asked(UserMessage message) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Asked asked && asked.message == message;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(message);
    }
  }

  /** {@code facts} gives the current evaluation in a language; {@code fallback} is used when a question has no tell. */
  public LocalChatModel(Function<Lang, ReadinessFacts> facts, Prompts prompts, Lang fallback) {
    this.facts = facts;
    this.prompts = prompts;
    this.fallback = fallback;
  }

  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    try {
      List<ChatMessage> messages = request.messages();
      int asked = lastUserMessage(messages);
      if (asked < 0) {
        handler.onError(new IllegalArgumentException("the local model needs a question"));
        return;
      }
      Asked key = new Asked((UserMessage) messages.get(asked));
      List<ToolExecutionResultMessage> results = new ArrayList<>();
      for (ChatMessage message : messages.subList(asked + 1, messages.size())) {
        if (message instanceof ToolExecutionResultMessage result) {
          results.add(result);
        }
      }
      QuestionReader.Question question = null;
      if (!results.isEmpty()) {
        synchronized (readings) {
          question = readings.remove(key);
        }
      }
      if (question == null) {
        AskedBy.Parsed asking = AskedBy.parse(key.message().singleText());
        Lang lang = chosenLanguage(messages);
        if (lang == null) {
          lang = QuestionReader.language(asking.question(), fallback);
        }
        question = QuestionReader.read(asking.question(), lang, facts.apply(lang).askedBy(asking.actorId()));
      }
      if (results.isEmpty()) {
        // a new question: nothing the tools answered before is read again
        CopilotTools.forgetValues();
      }
      if (results.isEmpty() && !question.allCalls().isEmpty()) {
        synchronized (readings) {
          readings.put(key, question);
        }
        handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(requests(question)))
            .finishReason(FinishReason.TOOL_EXECUTION).modelName(NAME).build());
        return;
      }
      List<Map<String, Object>> read = parse(results);
      CopilotTools.forgetValues();
      String answer = LocalAnswers.write(question, read, prompts.local(question.lang()),
          AskedBy.parse(key.message().singleText()).actorId());
      for (int i = 0; i < answer.length(); i += PIECE) {
        handler.onPartialResponse(answer.substring(i, Math.min(answer.length(), i + PIECE)));
      }
      handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(answer))
          .finishReason(FinishReason.STOP).modelName(NAME).build());
    } catch (RuntimeException e) {
      handler.onError(e);
    }
  }

  /**
   * The language the copilot already chose for this question (from the question and the request's
   * {@code lang}): its AI service for that language sends that language's system prompt. Null when
   * none is sent (a bare model in a test): the question then tells.
   */
  private Lang chosenLanguage(List<ChatMessage> messages) {
    for (ChatMessage message : messages) {
      if (message instanceof SystemMessage system) {
        for (Lang lang : Lang.values()) {
          if (system.text().equals(prompts.system(lang))) {
            return lang;
          }
        }
      }
    }
    return null;
  }

  private static int lastUserMessage(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage) {
        return i;
      }
    }
    return -1;
  }

  private static List<ToolExecutionRequest> requests(QuestionReader.Question question) {
    List<ToolExecutionRequest> out = new ArrayList<>();
    int n = 0;
    for (QuestionReader.ToolCall call : question.allCalls()) {
      out.add(ToolExecutionRequest.builder().id("local-" + (++n)).name(call.tool())
          .arguments(CopilotTools.json(call.arguments())).build());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parse(List<ToolExecutionResultMessage> results) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ToolExecutionResultMessage result : results) {
      Map<String, Object> value = CopilotTools.valueOf(result.text());
      if (value != null) {
        out.add(value);
        continue;
      }
      try {
        Object parsed = JSON.readValue(result.text(), Object.class);
        out.add(parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : null);
      } catch (JsonProcessingException e) {
        // a tool that failed answers with its error text; the answer says what could not be found
        out.add(Map.of("error", result.text()));
      }
    }
    return out;
  }
}
