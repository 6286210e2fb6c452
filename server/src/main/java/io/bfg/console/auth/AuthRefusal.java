package io.bfg.console.auth;

/** A request the console refuses for who sent it: 401 UNAUTHENTICATED / INVALID_TOKEN, 403 NO_ACTOR / CSRF ... */
public final class AuthRefusal extends RuntimeException {

  private final int status;
  private final String code;

  public AuthRefusal(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
