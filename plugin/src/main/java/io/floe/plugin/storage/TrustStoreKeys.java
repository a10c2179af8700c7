package io.floe.plugin.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The {@code ssl.truststore.location}, {@code .password} and {@code .type} keys of one client,
 * under its prefix ({@code ""} for the REST catalog's, {@code "s3."} for the S3 store's): the
 * certificates that client trusts when the JVM's default ones do not cover its server (a private
 * CA), so that the broker's JVM-wide trust store stays as it is.
 *
 * @param prefix the client's prefix within the catalog properties
 */
public record TrustStoreKeys(String prefix) {
  public String location() {
    return prefix + "ssl.truststore.location";
  }

  public String password() {
    return prefix + "ssl.truststore.password";
  }

  public String type() {
    return prefix + "ssl.truststore.type";
  }

  public boolean configured(Map<String, String> properties) {
    return properties.containsKey(location());
  }

  /** The key set without a location, which would be ignored: the password or the type; none if none. */
  public String setWithoutLocation(Map<String, String> properties) {
    if (configured(properties)) {
      return null;
    }
    return properties.containsKey(password()) ? password() : properties.containsKey(type()) ? type() : null;
  }

  /**
   * Trust managers that trust exactly the store's certificates.
   *
   * @throws IllegalArgumentException naming the key at fault, without the password
   */
  public TrustManager[] trustManagers(Map<String, String> properties) {
    String location = properties.get(location());
    if (location == null) {
      throw new IllegalArgumentException("Invalid " + location() + ": not set");
    }
    String storeType = properties.getOrDefault(type(), "PKCS12").toUpperCase(Locale.ROOT);
    String storePassword = properties.get(password());
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      KeyStore store = KeyStore.getInstance(storeType);
      store.load(in, storePassword == null ? null : storePassword.toCharArray());
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      return trust.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Invalid " + location() + ": cannot read " + location + " as a " + storeType
          + " trust store (is " + type() + " or " + password() + " wrong?): " + e.getMessage(), e);
    }
  }
}
