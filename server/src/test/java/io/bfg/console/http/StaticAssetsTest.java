package io.bfg.console.http;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard served like a product, over real HTTP: gzip for text, ETags with 304s, versioned module
 * URLs cached for good while the page itself is revalidated, and a new version after any file changes.
 * java.net.http sends no Accept-Encoding of its own and never decompresses, so the test sees the wire.
 */
@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("The dashboard's static files")
class StaticAssetsTest {

  private static final Path WEB = Path.of("web");
  private static final Pattern MAIN_MODULE = Pattern.compile("src=\"/v/([0-9a-f]+)/js/main\\.js\"");

  @TempDir
  Path dataDir;
  RunningConsole console;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (console != null) {
      console.stop();
    }
  }

  HttpResponse<byte[]> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The version index.html names its main module under. */
  String version() {
    String page = new String(get("/").body(), StandardCharsets.UTF_8);
    Matcher matcher = MAIN_MODULE.matcher(page);
    assertThat(matcher.find()).as("index.html names its main module under /v/<version>/: %s", page).isTrue();
    return matcher.group(1);
  }

  static byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("a text file asked with Accept-Encoding: gzip comes gzipped and decompresses to the file; without, as it is")
  void gzip(Vertx vertx) throws IOException {
    console = RunningConsole.bfg(vertx, dataDir);
    String version = version();
    for (String file : new String[] {"js/main.js", "css/console.css", "js/i18n.js"}) {
      byte[] onDisk = Files.readAllBytes(WEB.resolve(file));
      HttpResponse<byte[]> zipped = get("/v/" + version + "/" + file, "Accept-Encoding", "gzip, deflate, br");
      assertThat(zipped.statusCode()).isEqualTo(200);
      assertThat(header(zipped, "content-encoding")).as(file).isEqualTo("gzip");
      assertThat(header(zipped, "vary")).as(file).containsIgnoringCase("accept-encoding");
      assertThat(zipped.body().length).as("%s is smaller on the wire", file).isLessThan(onDisk.length / 2);
      assertThat(gunzip(zipped.body())).as(file).isEqualTo(onDisk);

      HttpResponse<byte[]> plain = get("/v/" + version + "/" + file);
      assertThat(header(plain, "content-encoding")).as(file).isNull();
      assertThat(plain.body()).as(file).isEqualTo(onDisk);
      assertThat(header(plain, "etag")).as("each coding has its own ETag").isNotEqualTo(header(zipped, "etag"));

      HttpResponse<byte[]> refused = get("/v/" + version + "/" + file, "Accept-Encoding", "gzip;q=0, br");
      assertThat(header(refused, "content-encoding")).as("gzip;q=0 refuses gzip").isNull();
    }
  }

  @Test
  @DisplayName("a second request with the ETag it got is 304 without a body, for the page, a module, the evaluation and the packets")
  void notModified(Vertx vertx) {
    console = RunningConsole.bfg(vertx, dataDir);
    String version = version();
    for (String path : new String[] {"/", "/index.html", "/v/" + version + "/js/feed.js", "/js/feed.js",
        "/api/evaluation?lang=pl", "/api/packets?lang=en", "/api/packets/ProductionAdapterMigrationRunbook.v1?format=raw"}) {
      for (String coding : new String[] {"gzip", "identity"}) {
        HttpResponse<byte[]> first = get(path, "Accept-Encoding", coding);
        assertThat(first.statusCode()).as(path).isEqualTo(200);
        String etag = header(first, "etag");
        assertThat(etag).as("ETag of %s", path).matches("\"[0-9a-f]{32}(-gzip)?\"");
        HttpResponse<byte[]> second = get(path, "Accept-Encoding", coding, "If-None-Match", etag);
        assertThat(second.statusCode()).as("%s with If-None-Match %s", path, etag).isEqualTo(304);
        assertThat(second.body()).as(path).isEmpty();
        assertThat(header(second, "etag")).isEqualTo(etag);
        assertThat(get(path, "Accept-Encoding", coding, "If-None-Match", "\"something-else\"").statusCode())
            .as("another ETag gets the body").isEqualTo(200);
      }
    }
  }

  @Test
  @DisplayName("a versioned URL of the current version is immutable; the page, unversioned URLs and the evaluation are revalidated")
  void cacheControl(Vertx vertx) {
    console = RunningConsole.bfg(vertx, dataDir);
    String version = version();
    String page = new String(get("/").body(), StandardCharsets.UTF_8);
    assertThat(page).contains("href=\"/v/" + version + "/css/console.css\"")
        .as("links that are not files stay as they are").contains("href=\"/api/evaluation\"", "href=\"#main\"");
    assertThat(header(get("/v/" + version + "/js/main.js"), "cache-control"))
        .contains("immutable").contains("max-age=31536000");
    // a module imported by main.js, found under the same prefix by the browser's own URL resolution
    assertThat(header(get("/v/" + version + "/js/render/sections.js"), "cache-control")).contains("immutable");
    assertThat(header(get("/"), "cache-control")).isEqualTo("no-cache");
    assertThat(header(get("/v/" + version + "/index.html"), "cache-control")).isEqualTo("no-cache");
    assertThat(header(get("/js/main.js"), "cache-control")).isEqualTo("no-cache");
    assertThat(header(get("/api/evaluation"), "cache-control")).contains("no-cache");
    HttpResponse<byte[]> before = get("/v/000000000000/js/main.js");
    assertThat(before.statusCode()).as("a page from before a deploy still gets its module").isEqualTo(200);
    assertThat(header(before, "cache-control")).as("but never cached as that old version").isEqualTo("no-cache");
    assertThat(get("/v/" + version + "/js/no-such.js").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("changing one file of the dashboard changes the version in every URL, and the old URL is no longer immutable")
  void changedFileChangesTheUrl(Vertx vertx, @TempDir Path web) throws IOException {
    copy(WEB, web);
    Map<String, String> settings = Map.of("CONSOLE_WEB_DIR", web.toString());
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, settings);
    String before = version();
    console.stop();
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, settings);
    assertThat(version()).as("the same files, the same version").isEqualTo(before);
    console.stop();

    Path dom = web.resolve("js/dom.js");
    Files.writeString(dom, Files.readString(dom) + "\n// deployed again\n");
    console = RunningConsole.start(vertx, RunningConsole.BFG, dataDir, settings);
    String after = version();
    assertThat(after).isNotEqualTo(before);
    assertThat(new String(get("/v/" + after + "/js/dom.js").body(), StandardCharsets.UTF_8)).endsWith("// deployed again\n");
    assertThat(header(get("/v/" + before + "/js/dom.js"), "cache-control")).isEqualTo("no-cache");
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
