package io.floe.plugin;

import io.floe.translator.registry.Keytool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private CA and a server certificate for 127.0.0.1 it signed, made with the JDK's keytool as an
 * operator makes them: the server's key store (PKCS12, with the chain) and a trust store (PKCS12)
 * holding only the CA's certificate.
 */
public record PrivateCertificateAuthority(Path serverKeyStore, Path trustStore, String password) {

  public static PrivateCertificateAuthority create(Path dir) throws IOException, InterruptedException {
    String password = "changeit-" + System.nanoTime();
    PrivateCertificateAuthority authority =
        new PrivateCertificateAuthority(dir.resolve("server.p12"), dir.resolve("truststore.p12"), password);
    Path caStore = dir.resolve("ca.p12");
    Path caCertificate = dir.resolve("ca.pem");
    Path request = dir.resolve("server.csr");
    Path serverCertificate = dir.resolve("server.pem");
    authority.keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=Floe Test CA", "-ext", "bc:c", "-storetype", "PKCS12", "-keystore", caStore.toString());
    authority.keytool("-exportcert", "-rfc", "-alias", "ca", "-file", caCertificate.toString(),
        "-keystore", caStore.toString());
    authority.keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-storetype", "PKCS12", "-keystore", authority.serverKeyStore.toString());
    authority.keytool("-certreq", "-alias", "server", "-file", request.toString(),
        "-keystore", authority.serverKeyStore.toString());
    authority.keytool("-gencert", "-rfc", "-alias", "ca", "-infile", request.toString(),
        "-outfile", serverCertificate.toString(), "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-keystore", caStore.toString());
    authority.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCertificate.toString(),
        "-keystore", authority.serverKeyStore.toString());
    authority.keytool("-importcert", "-alias", "server", "-file", serverCertificate.toString(),
        "-keystore", authority.serverKeyStore.toString());
    authority.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCertificate.toString(),
        "-storetype", "PKCS12", "-keystore", authority.trustStore.toString());
    return authority;
  }

  /** The server's side: presents its certificate and the CA's. */
  public SSLContext serverContext() throws IOException, GeneralSecurityException {
    return Keytool.serverContext(serverKeyStore, password);
  }

  /** A client's side: trusts the CA's certificate alone, as a client given the trust store does. */
  public TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trustStore)) {
      store.load(in, password.toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    return trust.getTrustManagers();
  }

  private void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(arguments));
    command.addAll(List.of("-storepass", password));
    Keytool.run(command.toArray(String[]::new));
  }
}
