package io.bfg.console.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@link WebAssets}: gzip when the client takes it, an ETag on every file (304 on a match), and
 * caching by URL kind. A versioned URL of the current version never changes its bytes, so it is cached
 * for good; a page, an unversioned URL, or a version from before a deploy is revalidated on every use.
 * Anything that is not a file goes on to the router's 404.
 */
final class StaticAssets implements Handler<RoutingContext> {

  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";

  private final WebAssets assets;

  StaticAssets(WebAssets assets) {
    this.assets = assets;
  }

  @Override
  public void handle(RoutingContext rc) {
    String path = rc.normalizedPath();
    boolean current = false;
    if (path.startsWith(WebAssets.VERSIONED)) {
      int end = path.indexOf('/', WebAssets.VERSIONED.length());
      if (end < 0) {
        rc.next();
        return;
      }
      current = path.substring(WebAssets.VERSIONED.length(), end).equals(assets.version());
      path = path.substring(end);
    }
    WebAssets.Asset asset = assets.find(path);
    if (asset == null) {
      rc.next();
      return;
    }
    HttpServerRequest request = rc.request();
    HttpServerResponse response = rc.response();
    boolean gzip = asset.gzip() != null && acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
    String etag = gzip ? asset.gzipEtag() : asset.etag();
    response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
        .putHeader(HttpHeaders.ETAG, etag)
        .putHeader(HttpHeaders.CACHE_CONTROL, current && !asset.isPage() ? IMMUTABLE : REVALIDATE);
    if (asset.gzip() != null) {
      response.putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }
    if (Etags.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
      response.setStatusCode(304).end();
      return;
    }
    byte[] body = gzip ? asset.gzip() : asset.bytes();
    if (gzip) {
      response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
    }
    response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length));
    if (request.method() == HttpMethod.HEAD) {
      response.end();
    } else {
      response.end(Buffer.buffer(body));
    }
  }

  /** Accept-Encoding names gzip (or *) without q=0. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String item : acceptEncoding.split(",")) {
      String[] parts = item.trim().split(";");
      String coding = parts[0].trim();
      if (!coding.equalsIgnoreCase("gzip") && !coding.equals("*")) {
        continue;
      }
      boolean refused = false;
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].trim();
        if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
          try {
            refused = Double.parseDouble(parameter.substring(2).trim()) <= 0;
          } catch (NumberFormatException e) {
            refused = true;
          }
        }
      }
      return !refused;
    }
    return false;
  }
}
