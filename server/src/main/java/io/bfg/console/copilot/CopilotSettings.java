package io.bfg.console.copilot;

import java.nio.file.Path;

/**
 * How the copilot answers.
 *
 * @param model          local (offline, deterministic), openai (any OpenAI-compatible server) or ollama
 * @param baseUrl        the server of an openai/ollama model
 * @param modelName      the model to ask there
 * @param apiKey         for openai; never printed
 * @param timeoutMs      how long one answer may take before the asker gets an error event
 * @param ratePerMinute  questions one asker (an actor, or an address when anonymous) may ask per minute
 * @param answersPerSecond answers the console starts per second, all askers together: the share of
 *                       the cores a crowd of askers can take from the live feed
 * @param promptsDir     where the prompt files are read from at run time
 */
public record CopilotSettings(String model, String baseUrl, String modelName, String apiKey, int timeoutMs,
                              int ratePerMinute, int answersPerSecond, Path promptsDir) {

  public static final int MAX_QUESTION_CHARS = 1_000;

  @Override
  public String toString() {
    return "CopilotSettings[model=" + model + ", baseUrl=" + baseUrl + ", modelName=" + modelName + ", apiKey="
        + (apiKey == null ? "unset" : "***") + ", timeoutMs=" + timeoutMs + ", ratePerMinute=" + ratePerMinute
        + ", answersPerSecond=" + answersPerSecond + ", promptsDir=" + promptsDir + "]";
  }
}
