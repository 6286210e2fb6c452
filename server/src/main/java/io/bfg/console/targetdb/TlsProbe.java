package io.bfg.console.targetdb;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import javax.net.ssl.SSLSession;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fingerprints the certificate a PostgreSQL server presents, the way libpq meets it: a plain TCP
 * connection, PostgreSQL's SSLRequest, then a TLS handshake on the same socket. The handshake
 * trusts any certificate on purpose: this step records what the server shows so a reviewer can
 * pin it; whether it is trusted is the session's sslmode's business.
 */
public final class TlsProbe {

  /** SSLRequest: length 8, then the magic request code 80877103 (1234 << 16 | 5679). */
  private static final Buffer SSL_REQUEST = Buffer.buffer().appendInt(8).appendInt(80877103);

  /** What the handshake showed; {@code sha256} is upper-case hex pairs joined by colons, as openssl prints it. */
  public record Result(String sha256, String subject, String issuer, String notAfter, String protocol,
                       String cipherSuite) {

    public Map<String, Object> evidence() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("sha256", sha256);
      out.put("subject", subject);
      out.put("issuer", issuer);
      out.put("notAfter", notAfter);
      out.put("protocol", protocol);
      out.put("cipherSuite", cipherSuite);
      return out;
    }
  }

  /** A refusal whose message says what the server did, fit to show as the step's detail. */
  public static final class TlsRefused extends RuntimeException {
    TlsRefused(String message) {
      super(message, null, false, false);
    }
  }

  private TlsProbe() {
  }

  public static Future<Result> fingerprint(Vertx vertx, String host, int port, int timeoutMs) {
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(timeoutMs)
        .setSslHandshakeTimeout(timeoutMs).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS));
    Future<Result> result = client.connect(port, host).compose(socket -> handshake(socket, host)
        .eventually(() -> socket.close()));
    return result.timeout(timeoutMs * 2L, TimeUnit.MILLISECONDS).eventually(() -> client.close());
  }

  /**
   * Whether the server offers TLS: SSLRequest, its one-byte answer, then the socket is closed by us.
   * Clients that try TLS on the session's own socket (the Pg client with sslmode=prefer or require)
   * leave that socket open when the answer is N; the server then holds a process for it until
   * authentication_timeout, and a fast shutdown waits for such processes.
   */
  public static Future<Boolean> offersTls(Vertx vertx, String host, int port, int timeoutMs) {
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(timeoutMs));
    Future<Byte> result = client.connect(port, host).compose(socket -> answerTo(socket)
        .eventually(() -> socket.close()));
    return result.map(code -> code == 'S').timeout(timeoutMs * 2L, TimeUnit.MILLISECONDS)
        .eventually(() -> client.close());
  }

  private static Future<Byte> answerTo(NetSocket socket) {
    Promise<Byte> answer = Promise.promise();
    socket.handler(buffer -> {
      if (buffer.length() > 0) {
        answer.tryComplete(buffer.getByte(0));
      }
    });
    socket.closeHandler(ignored -> answer.tryFail(new TlsRefused("the server closed the connection after SSLRequest")));
    socket.write(SSL_REQUEST);
    return answer.future();
  }

  private static Future<Result> handshake(NetSocket socket, String host) {
    return answerTo(socket).compose(code -> {
      socket.handler(null);
      if (code == 'N') {
        return Future.failedFuture(new TlsRefused("the server answered SSLRequest with N: TLS is off on the target "
            + "(ssl = off), so sessions and credentials cross the network in clear text"));
      }
      if (code != 'S') {
        return Future.failedFuture(new TlsRefused("the server answered SSLRequest with byte " + code
            + ": it does not speak the PostgreSQL protocol"));
      }
      ClientSSLOptions anyCertificate = new ClientSSLOptions().setTrustAll(true).setHostnameVerificationAlgorithm("");
      return socket.upgradeToSsl(anyCertificate, host).map(ignored -> describe(socket));
    });
  }

  private static Result describe(NetSocket socket) {
    try {
      Certificate leaf = socket.peerCertificates().get(0);
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
      String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha);
      SSLSession session = socket.sslSession();
      if (leaf instanceof X509Certificate x509) {
        return new Result(hex, x509.getSubjectX500Principal().getName(), x509.getIssuerX500Principal().getName(),
            x509.getNotAfter().toInstant().toString(), session.getProtocol(), session.getCipherSuite());
      }
      return new Result(hex, null, null, null, session.getProtocol(), session.getCipherSuite());
    } catch (Exception e) {
      throw new TlsRefused("the TLS handshake completed but the certificate could not be read: " + e.getMessage());
    }
  }

  /** The fingerprint of a PEM certificate file, in the same form, to compare with a handshake's. */
  public static String fingerprintOf(java.nio.file.Path pem) throws Exception {
    try (var in = java.nio.file.Files.newInputStream(pem)) {
      Certificate cert = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha);
    }
  }
}
