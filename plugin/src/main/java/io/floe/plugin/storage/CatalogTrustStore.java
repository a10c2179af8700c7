package io.floe.plugin.storage;

import java.security.GeneralSecurityException;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.iceberg.rest.auth.TLSConfigurer;

/**
 * The certificates a REST catalog client trusts when the JVM's default ones do not cover the
 * catalog (a private CA): the trust store of the catalog properties {@code ssl.truststore.*}.
 * Iceberg's HTTP client loads it by class name ({@value #CONFIGURER}) and hands it the catalog
 * properties, so the broker's JVM-wide trust store stays as it is.
 */
public final class CatalogTrustStore implements TLSConfigurer {
  public static final String CONFIGURER = "rest.client.tls.configurer-impl";
  public static final TrustStoreKeys KEYS = new TrustStoreKeys("");
  public static final String LOCATION = KEYS.location();
  public static final String PASSWORD = KEYS.password();
  public static final String TYPE = KEYS.type();

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
    TrustManager[] trustManagers = KEYS.trustManagers(properties);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make a TLS context of " + LOCATION + ": " + e.getMessage(), e);
    }
  }
}
