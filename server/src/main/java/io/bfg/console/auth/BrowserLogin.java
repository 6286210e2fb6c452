package io.bfg.console.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The browser login's routes ({@code /auth/*}), mounted by the HTTP verticle before anything else that
 * could answer those paths. {@code publicUrl} is read per request: without CONSOLE_PUBLIC_URL it depends on
 * the bound port.
 */
@FunctionalInterface
public interface BrowserLogin {

  BrowserLogin NONE = (router, publicUrl) -> { };

  void mount(Router router, Supplier<URI> publicUrl);

  /** Releases what the login holds open (its revocation list). */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
