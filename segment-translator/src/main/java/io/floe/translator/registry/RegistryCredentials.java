package io.floe.translator.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How Floe authenticates to the registry: HTTP basic auth or a bearer token. */
public sealed interface RegistryCredentials {

  /** The value of the {@code Authorization} header sent with every request. */
  String authorization();

  /** What to fix when the registry refuses these credentials: the key, and the user if there is one. */
  String describe();

  /** {@code basic.auth.user.info}: a user (or API key) and its password (or API secret). */
  record BasicAuth(String user, Secret password) implements RegistryCredentials {
    @Override
    public String authorization() {
      String userInfo = user + ":" + password.value();
      return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
      return "user '" + user + "' of " + RegistrySettings.BASIC_AUTH_USER_INFO;
    }
  }

  /** {@code bearer.auth.token}: a static bearer token. */
  record BearerToken(Secret token) implements RegistryCredentials {
    @Override
    public String authorization() {
      return "Bearer " + token.value();
    }

    @Override
    public String describe() {
      return "the token of " + RegistrySettings.BEARER_AUTH_TOKEN;
    }
  }
}
