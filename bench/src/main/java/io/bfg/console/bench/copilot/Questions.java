package io.bfg.console.bench.copilot;

import java.util.List;

/**
 * The mixed English/Polish question set every asker cycles through, each with the {@code lang}
 * the dashboard would send for it. The Polish ones are written without diacritics, as a hurried
 * user types them; the local model tells their language from the words.
 */
final class Questions {

  record Question(String text, String lang) {
    /** The request body; the texts hold no character JSON needs escaped. */
    String body() {
      return "{\"question\":\"" + text + "\",\"lang\":\"" + lang + "\"}";
    }
  }

  static final List<Question> ALL = List.of(
      new Question("What blocks production?", "en"),
      new Question("Why is the dry-run blocked?", "en"),
      new Question("What should I do next?", "en"),
      new Question("What does BLOCKED_PENDING_DRY_RUN mean?", "en"),
      new Question("Who owns the region decision?", "en"),
      new Question("What is the status of KSeF?", "en"),
      new Question("Co blokuje produkcje?", "pl"),
      new Question("Co dalej?", "pl"));

  /** The actors of the BFG scenario; asker i asks as actor i mod 5 (the rate limit is per actor). */
  static final List<String> ACTORS = List.of("user_md_anna", "user_dispatcher_marek", "user_accountant_olena",
      "driver_tarasenko", "cp_client_lviv_farma");

  private Questions() {
  }
}
