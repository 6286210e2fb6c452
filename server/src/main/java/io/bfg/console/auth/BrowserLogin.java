package io.bfg.console.auth;

import io.vertx.ext.web.Router;

/**
 * The browser login's routes ({@code /auth/*}), mounted by the HTTP verticle before anything else that
 * could answer those paths. Until the login is built, {@link #NONE} mounts nothing.
 */
@FunctionalInterface
public interface BrowserLogin {

  BrowserLogin NONE = router -> { };

  void mount(Router router);
}
