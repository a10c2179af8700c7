package io.floe.translator.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates Floe trusts for an {@code https} registry, when the JVM's default ones do not
 * cover it (a private CA, a self-signed registry): {@code ssl.truststore.*}.
 */
public record TrustStore(Path location, Optional<Secret> password, String type) {

  /** A TLS context that trusts exactly this store's certificates. */
  SSLContext sslContext() {
    KeyStore store = load();
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidRegistrySettingException(RegistrySettings.SSL_TRUSTSTORE_LOCATION,
          "cannot trust the certificates of " + location + ": " + e.getMessage(), e);
    }
  }

  private KeyStore load() {
    try (InputStream in = Files.newInputStream(location)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password.map(secret -> secret.value().toCharArray()).orElse(null));
      return store;
    } catch (NoSuchFileException e) {
      throw new InvalidRegistrySettingException(RegistrySettings.SSL_TRUSTSTORE_LOCATION, "no such file: " + location, e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new InvalidRegistrySettingException(RegistrySettings.SSL_TRUSTSTORE_PASSWORD,
            "it does not open trust store " + location, e);
      }
      throw new InvalidRegistrySettingException(RegistrySettings.SSL_TRUSTSTORE_LOCATION,
          "cannot read " + location + " as a " + type + " trust store: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new InvalidRegistrySettingException(RegistrySettings.SSL_TRUSTSTORE_LOCATION,
          "cannot read " + location + " as a " + type + " trust store: " + e.getMessage(), e);
    }
  }
}
