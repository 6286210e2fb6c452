package io.bfg.console.auth;

import java.util.Map;

/**
 * The small page a person sees when a sign-in cannot finish (the callback is a browser navigation, so a
 * JSON error would be a dead end): what went wrong in English and Polish, and a link to start again.
 */
final class LoginPages {

  /** The Polish sentence for each refusal the login answers; the English one is the refusal's message. */
  private static final Map<String, String> POLISH = Map.ofEntries(
      Map.entry("IDP_ERROR", "Dostawca tożsamości odmówił zalogowania."),
      Map.entry("LOGIN_MISSING", "W tej przeglądarce nie trwa żadne logowanie (brak jego ciasteczka)."),
      Map.entry("LOGIN_INVALID", "Nie można odczytać danych logowania w tej przeglądarce."),
      Map.entry("LOGIN_EXPIRED", "Logowanie trwało dłużej niż 10 minut."),
      Map.entry("STATE_MISMATCH", "Odpowiedź dostawcy tożsamości nie należy do logowania rozpoczętego w tej przeglądarce."),
      Map.entry("LOGIN_REPLAYED", "To logowanie zostało już raz użyte."),
      Map.entry("BAD_CALLBACK", "Dostawca tożsamości nie przekazał kodu logowania."),
      Map.entry("LOGIN_FAILED", "Dostawca tożsamości nie wymienił kodu logowania na token."),
      Map.entry("INVALID_ID_TOKEN", "Token tożsamości nie przeszedł weryfikacji."),
      Map.entry("NONCE_MISMATCH", "Token tożsamości nie należy do tego logowania (nonce się nie zgadza)."),
      Map.entry("NO_ACTOR", "Ta tożsamość nie jest żadną z osób tego scenariusza; poproś o dopisanie jej do scenariusza."),
      Map.entry("IDENTITY_PROVIDER_UNAVAILABLE", "Dostawca tożsamości jest chwilowo niedostępny."));

  private LoginPages() {
  }

  static String refusal(AuthRefusal refusal) {
    String polish = POLISH.getOrDefault(refusal.code(), "Logowanie nie powiodło się.");
    return """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sign-in did not complete · Logowanie nie powiodło się</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
        code{background:#f1f1f1;padding:0 .25rem}a{color:#0b57d0}</style></head>
        <body><main>
        <h1>Sign-in did not complete</h1>
        <p>%s</p>
        <h2 lang="pl">Logowanie nie powiodło się</h2>
        <p lang="pl">%s</p>
        <p><a href="/auth/login">Sign in again</a> · <a href="/auth/login" lang="pl">Zaloguj się ponownie</a></p>
        <p><small>%d <code>%s</code></small></p>
        </main></body></html>
        """.formatted(escape(refusal.getMessage()), escape(polish), refusal.status(), escape(refusal.code()));
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
