package io.floe.plugin.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.iceberg.rest.auth.TLSConfigurer;

/**
 * The certificates a REST catalog client trusts when the JVM's default ones do not cover the
 * catalog (a private CA): the trust store of the catalog properties {@code ssl.truststore.*}.
 * Iceberg's HTTP client loads it by class name ({@value #CONFIGURER}) and hands it the catalog
 * properties, so the broker's JVM-wide trust store stays as it is.
 */
public final class CatalogTrustStore implements TLSConfigurer {
  public static final String CONFIGURER = "rest.client.tls.configurer-impl";
  public static final String LOCATION = "ssl.truststore.location";
  public static final String PASSWORD = "ssl.truststore.password";
  public static final String TYPE = "ssl.truststore.type";

  private SSLContext context;

  @Override
  public void initialize(Map<String, String> properties) {
    context = sslContext(properties);
  }

  @Override
  public SSLContext sslContext() {
    return context;
  }

  /**
   * A TLS context that trusts exactly the store's certificates.
   *
   * @throws IllegalArgumentException naming the key at fault, without its value
   */
  public static SSLContext sslContext(Map<String, String> properties) {
    String location = properties.get(LOCATION);
    if (location == null) {
      throw new IllegalArgumentException("Invalid " + LOCATION + ": not set");
    }
    String type = properties.getOrDefault(TYPE, "PKCS12").toUpperCase(Locale.ROOT);
    String password = properties.get(PASSWORD);
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Invalid " + LOCATION + ": cannot read " + location + " as a " + type
          + " trust store (is " + TYPE + " or " + PASSWORD + " wrong?): " + e.getMessage(), e);
    }
  }
}
