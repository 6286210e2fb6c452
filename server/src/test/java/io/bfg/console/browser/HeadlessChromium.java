package io.bfg.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's chromium driven by Playwright, headless. Playwright is told never to download a browser of
 * its own (the driver would otherwise fetch one on first use and fail offline); a machine without
 * chromium fails the tests with the command that installs it instead of skipping them.
 */
final class HeadlessChromium {

  static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

  private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

  private HeadlessChromium() {
  }

  /** Starts the Playwright driver (the first start unpacks it, which takes a few seconds). */
  static Playwright playwright() {
    requireChromium();
    return Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  static Browser launch(Playwright playwright) {
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(EXECUTABLE)
        .setHeadless(true)
        .setArgs(ARGS));
  }

  private static void requireChromium() {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException("the browser tests need Debian's chromium at " + EXECUTABLE
          + ", which is missing; install it with: apt-get install -y chromium");
    }
  }
}
