package io.bfg.console.http;

import io.vertx.core.http.MimeMapping;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The dashboard's files as read once at start: what is served is what was hashed, so a URL carrying the
 * version can be cached for good, and a deploy (a restart) that changes any file changes every URL.
 * Each page names its files under {@code /v/<version>/}; the modules' relative imports then resolve under
 * the same prefix without rewriting any script.
 */
public final class WebAssets {

  /** The prefix of versioned URLs: {@code /v/<version>/<path>}. */
  public static final String VERSIONED = "/v/";

  static final String INDEX = "index.html";

  /** Hex digits of the version: 48 bits, enough to tell deploys apart, short in every URL. */
  private static final int VERSION_HEX = 12;

  /** A file whose compressed form saves less than this is sent as it is. */
  private static final double WORTH_COMPRESSING = 0.9;

  /** src/href of a page: rewritten to the versioned URL when they name one of the files. */
  private static final Pattern REFERENCE = Pattern.compile("\\b(src|href)=\"([^\"#?:]+)\"");

  /** One file: its bytes, gzip form (null when not worth it), type and validators. */
  public record Asset(String path, String contentType, byte[] bytes, String etag, byte[] gzip, String gzipEtag) {

    /** Text is worth compressing; a page is rewritten and revalidated, never cached for good. */
    boolean isPage() {
      return path.endsWith(".html");
    }
  }

  private final String version;
  private final Map<String, Asset> assets;

  private WebAssets(String version, Map<String, Asset> assets) {
    this.version = version;
    this.assets = assets;
  }

  /** The version of this set of files: a hash of every path and its bytes. */
  public String version() {
    return version;
  }

  /** The file at {@code path} (e.g. {@code /js/main.js}; a directory means its index.html), or null. */
  public Asset find(String path) {
    return assets.get(path.endsWith("/") ? path + INDEX : path);
  }

  /** Reads every regular file under {@code dir} (blocking: call off the event loop). A missing dir serves nothing. */
  public static WebAssets load(Path dir) {
    Map<String, byte[]> files = new TreeMap<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path file : walk.filter(Files::isRegularFile).toList()) {
          Path relative = dir.relativize(file);
          if (hidden(relative)) {
            continue;
          }
          files.put("/" + relative.toString().replace('\\', '/'), Files.readAllBytes(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the dashboard under " + dir, e);
      }
    }
    MessageDigest digest = Etags.sha256();
    files.forEach((path, bytes) -> {
      digest.update(path.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(bytes);
    });
    String version = HexFormat.of().formatHex(digest.digest()).substring(0, VERSION_HEX);
    Map<String, Asset> assets = new TreeMap<>();
    files.forEach((path, bytes) -> {
      byte[] served = path.endsWith(".html") ? versioned(path, bytes, files, version) : bytes;
      assets.put(path, asset(path, served));
    });
    return new WebAssets(version, Map.copyOf(assets));
  }

  /** The page with each src/href that names one of the files pointing at its versioned URL. */
  static byte[] versioned(String pagePath, byte[] page, Map<String, byte[]> files, String version) {
    String base = pagePath.substring(0, pagePath.lastIndexOf('/') + 1);
    Matcher matcher = REFERENCE.matcher(new String(page, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String target = resolve(base, matcher.group(2));
      String replacement = target != null && files.containsKey(target) && !target.endsWith(".html")
          ? matcher.group(1) + "=\"" + VERSIONED + version + target + "\""
          : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code reference} as an absolute path from {@code base}, or null if it climbs above the root. */
  private static String resolve(String base, String reference) {
    String joined = reference.startsWith("/") ? reference : base + reference;
    List<String> parts = new java.util.ArrayList<>();
    for (String part : joined.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static Asset asset(String path, byte[] bytes) {
    String type = MimeMapping.mimeTypeForFilename(path);
    if (type == null) {
      type = "application/octet-stream";
    }
    boolean text = type.startsWith("text/") || type.endsWith("json") || type.endsWith("javascript")
        || type.endsWith("+xml") || type.endsWith("/xml");
    String contentType = type.startsWith("text/") ? type + ";charset=UTF-8" : type;
    byte[] gzip = text ? gzip(bytes) : null;
    if (gzip != null && gzip.length > bytes.length * WORTH_COMPRESSING) {
      gzip = null;
    }
    return new Asset(path, contentType, bytes, Etags.of(bytes, null), gzip, gzip == null ? null : Etags.of(bytes, "gzip"));
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
