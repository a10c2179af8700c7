package io.floe.translator.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate for 127.0.0.1 made with the JDK's keytool, as an operator makes one: the server's
 * key store (PKCS12) and a trust store (JKS) holding only its certificate.
 */
record SelfSignedCertificate(Path keyStore, Path trustStore, String password) {

  static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
    SelfSignedCertificate certificate =
        new SelfSignedCertificate(dir.resolve("registry.p12"), dir.resolve("truststore.jks"), "changeit-" + System.nanoTime());
    Path exported = dir.resolve("registry.pem");
    certificate.keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", certificate.keyStore.toString(), "-storepass", certificate.password, "-keypass", certificate.password);
    certificate.keytool("-exportcert", "-rfc", "-alias", "registry", "-file", exported.toString(),
        "-keystore", certificate.keyStore.toString(), "-storepass", certificate.password);
    certificate.keytool("-importcert", "-noprompt", "-alias", "registry", "-file", exported.toString(),
        "-storetype", "JKS", "-keystore", certificate.trustStore.toString(), "-storepass", certificate.password);
    return certificate;
  }

  /** The server's side: presents the certificate. */
  SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, password.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + arguments[0] + " failed: " + output);
    }
  }
}
