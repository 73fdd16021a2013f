package io.pottery.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A self-signed certificate for {@code 127.0.0.1} made at test time with {@code openssl}, its private key, and a
 * PKCS12 trust store that trusts it, all in a temporary directory of their own. Tests use it to give a Redis server
 * a TLS port and to make a client trust that port (through the JVM trust store, an in-memory {@link KeyStore}, or
 * the PEM file itself). {@link #close()} deletes the directory and everything in it, including files a test put
 * there (a server's log or {@code nodes.conf}).
 *
 * <p>Where {@code openssl} is missing or fails, {@link #create(StringBuilder)} returns empty with the reason, so the
 * caller can skip with a JUnit assumption naming it rather than fail.
 */
public final class SelfSignedTls implements AutoCloseable {
  /** The password of {@link #trustStore()}. */
  public static final String TRUST_STORE_PASSWORD = "pottery";

  private static final String ALIAS = "pottery-test-redis";

  private final Path directory;
  private final Path certificate;
  private final Path key;
  private final Path trustStore;

  private SelfSignedTls(Path directory, Path certificate, Path key, Path trustStore) {
    this.directory = directory;
    this.certificate = certificate;
    this.key = key;
    this.trustStore = trustStore;
  }

  /**
   * Makes the certificate, key and trust store by running {@code openssl} once (up to 60 s).
   *
   * @param why where the reason is appended when this returns empty
   * @return the files, or empty if {@code openssl} cannot run or fails (its temporary directory is then deleted)
   * @throws IOException if the temporary files cannot be written
   * @throws InterruptedException if interrupted while waiting for {@code openssl}
   * @throws GeneralSecurityException if the certificate {@code openssl} wrote cannot be read or stored
   */
  public static Optional<SelfSignedTls> create(StringBuilder why)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path dir = Files.createTempDirectory("pottery-tls-");
    Path cert = dir.resolve("redis.crt");
    Path key = dir.resolve("redis.key");
    SelfSignedTls made = new SelfSignedTls(dir, cert, key, dir.resolve("truststore.p12"));
    Process openssl;
    try {
      openssl = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
          "-subj", "/CN=pottery-test", "-addext", "subjectAltName=IP:127.0.0.1",
          "-keyout", key.toString(), "-out", cert.toString()))
          .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
    } catch (IOException e) {
      why.append("openssl cannot run: ").append(e.getMessage());
      made.close();
      return Optional.empty();
    }
    if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
      openssl.destroyForcibly();
      why.append("openssl failed: ").append(Files.readString(dir.resolve("openssl.log")));
      made.close();
      return Optional.empty();
    }
    try (OutputStream out = Files.newOutputStream(made.trustStore)) {
      made.trustKeyStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
    }
    return Optional.of(made);
  }

  /**
   * The directory holding the files; a test may put its own files there, deleted by {@link #close()}.
   *
   * @return the temporary directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * The PEM certificate, whose only subject alternative name is {@code IP:127.0.0.1}.
   *
   * @return the certificate file
   */
  public Path certificate() {
    return certificate;
  }

  /**
   * The PEM private key of {@link #certificate()}, unencrypted.
   *
   * @return the key file
   */
  public Path key() {
    return key;
  }

  /**
   * The PKCS12 trust store holding {@link #certificate()}, password {@link #TRUST_STORE_PASSWORD}.
   *
   * @return the trust store file
   */
  public Path trustStore() {
    return trustStore;
  }

  /**
   * A new in-memory PKCS12 key store trusting {@link #certificate()}, for a client's own trust material that the
   * JVM's default trust store does not have.
   *
   * @return a key store with the certificate as its only (trusted certificate) entry
   * @throws IOException if the certificate cannot be read
   * @throws GeneralSecurityException if the certificate cannot be parsed or stored
   */
  public KeyStore trustKeyStore() throws IOException, GeneralSecurityException {
    Certificate parsed;
    try (InputStream in = Files.newInputStream(certificate)) {
      parsed = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry(ALIAS, parsed);
    return store;
  }

  /**
   * Runs {@code body} with the JVM's trust store ({@code javax.net.ssl.trustStore}, its password and type) set to
   * {@link #trustStore()}, then restores the previous settings even if {@code body} throws. The properties are
   * JVM-wide: do not run other TLS clients concurrently.
   *
   * @param body what to run
   * @param <T> what it returns
   * @return what {@code body} returned
   * @throws Exception what {@code body} threw
   */
  public <T> T withJvmTrustStore(Callable<T> body) throws Exception {
    String[] names = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};
    String[] values = {trustStore.toString(), TRUST_STORE_PASSWORD, "PKCS12"};
    String[] saved = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      saved[i] = System.setProperty(names[i], values[i]);
    }
    try {
      return body.call();
    } finally {
      for (int i = 0; i < names.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(names[i]);
        } else {
          System.setProperty(names[i], saved[i]);
        }
      }
    }
  }

  /**
   * A loopback port nobody listens on right now (another process may take it before the caller binds it).
   *
   * @return a free port on {@code 127.0.0.1}
   * @throws IOException if no port can be bound
   */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  /** Deletes the directory and everything in it; a leftover temporary file is harmless, so failures are ignored. */
  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(file);
      }
    } catch (IOException ignored) {
      // A leftover temp directory is harmless.
    }
  }
}
