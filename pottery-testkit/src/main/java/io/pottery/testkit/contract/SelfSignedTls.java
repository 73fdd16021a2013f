package io.pottery.testkit.contract;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code 127.0.0.1} made at test time with {@code openssl}, and a PKCS12 trust
 * store that trusts it. Used to give a test Redis server a TLS port and to point the JVM at the store while a
 * driver connects.
 *
 * @param directory where the files live
 * @param certificate the PEM certificate (subject alternative name {@code IP:127.0.0.1} only)
 * @param key the PEM private key
 * @param trustStore the PKCS12 trust store holding the certificate, password {@link #TRUST_STORE_PASSWORD}
 */
record SelfSignedTls(Path directory, Path certificate, Path key, Path trustStore) {
  static final String TRUST_STORE_PASSWORD = "pottery";

  /** Makes the files, or returns empty (with the reason in {@code why}) if {@code openssl} is not available. */
  static Optional<SelfSignedTls> create(StringBuilder why) throws IOException, InterruptedException, GeneralSecurityException {
    Path dir = Files.createTempDirectory("pottery-tls-");
    Path cert = dir.resolve("redis.crt");
    Path key = dir.resolve("redis.key");
    Process openssl;
    try {
      openssl = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
          "-subj", "/CN=pottery-test", "-addext", "subjectAltName=IP:127.0.0.1",
          "-keyout", key.toString(), "-out", cert.toString()))
          .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
    } catch (IOException e) {
      why.append("openssl cannot run: ").append(e.getMessage());
      return Optional.empty();
    }
    if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
      openssl.destroyForcibly();
      why.append("openssl failed: ").append(Files.readString(dir.resolve("openssl.log")));
      return Optional.empty();
    }
    Certificate certificate;
    try (InputStream in = Files.newInputStream(cert)) {
      certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("pottery-test-redis", certificate);
    Path trustStore = dir.resolve("truststore.p12");
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      store.store(out, TRUST_STORE_PASSWORD.toCharArray());
    }
    return Optional.of(new SelfSignedTls(dir, cert, key, trustStore));
  }

  /** A loopback port nobody listens on right now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  /**
   * Runs {@code body} with the JVM's trust store ({@code javax.net.ssl.trustStore} and friends) set to this one,
   * then restores the previous settings.
   */
  <T> T withJvmTrustStore(ThrowingSupplier<T> body) throws Exception {
    String[] names = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};
    String[] values = {trustStore.toString(), TRUST_STORE_PASSWORD, "PKCS12"};
    String[] saved = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      saved[i] = System.setProperty(names[i], values[i]);
    }
    try {
      return body.get();
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

  /** Deletes the files. */
  void delete() {
    try (var files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException ignored) {
      // A leftover temp directory is harmless.
    }
  }

  /** A supplier that may throw. */
  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
