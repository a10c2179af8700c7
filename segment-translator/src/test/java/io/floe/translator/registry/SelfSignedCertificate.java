package io.floe.translator.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
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
    Keytool.run("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", certificate.keyStore.toString(), "-storepass", certificate.password, "-keypass", certificate.password);
    Keytool.run("-exportcert", "-rfc", "-alias", "registry", "-file", exported.toString(),
        "-keystore", certificate.keyStore.toString(), "-storepass", certificate.password);
    Keytool.run("-importcert", "-noprompt", "-alias", "registry", "-file", exported.toString(),
        "-storetype", "JKS", "-keystore", certificate.trustStore.toString(), "-storepass", certificate.password);
    return certificate;
  }

  /** The server's side: presents the certificate. */
  SSLContext serverContext() throws IOException, GeneralSecurityException {
    return Keytool.serverContext(keyStore, password);
  }
}
