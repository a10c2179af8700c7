package io.floe.translator.registry;

import io.floe.translator.registry.RegistryJson.ErrorAnswer;
import io.floe.translator.registry.RegistryTransport.Answer;
import io.floe.translator.registry.RegistryTransport.NoAnswer;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what went wrong in a lookup into the exception that says so: content (not found, not
 * usable) or infrastructure (unreachable, credentials), with the registry's own words.
 */
final class RegistryFailures {
  /** Subject, version and schema not found: the registry's answers for content it does not have. */
  private static final Set<Integer> NOT_FOUND = Set.of(40401, 40402, 40403);
  private static final String SET_CREDENTIALS =
      "set " + RegistrySettings.BASIC_AUTH_USER_INFO + " or " + RegistrySettings.BEARER_AUTH_TOKEN;

  private final String registry;
  private final Optional<RegistryCredentials> credentials;

  RegistryFailures(RegistrySettings settings) {
    this.registry = settings.describeUrls();
    this.credentials = settings.credentials();
  }

  /** A non-200 answer. */
  SchemaRegistryException refused(Lookup lookup, Answer answer) {
    String url = answer.url().toString();
    Optional<ErrorAnswer> error = RegistryJson.error(answer.body());
    String said = "HTTP " + answer.status() + error.map(e -> ": " + e).orElse("");
    if (answer.status() == 401) {
      String problem = credentials
          .map(given -> "wrong credentials: the registry refused " + given.describe())
          .orElse("the registry requires credentials and none are set: " + SET_CREDENTIALS);
      return new RegistryAuthenticationException(lookup.schemaId(), url, 401, lookup.prefix() + problem + " (" + said + ")");
    }
    if (answer.status() == 403) {
      String problem = credentials
          .map(given -> "not allowed: " + given.describe() + " may not read schemas")
          .orElse("not allowed: the registry refuses anonymous reads: " + SET_CREDENTIALS);
      return new RegistryAuthenticationException(lookup.schemaId(), url, 403, lookup.prefix() + problem + " (" + said + ")");
    }
    if (answer.status() == 404 && error.isPresent() && NOT_FOUND.contains(error.get().errorCode())) {
      return new SchemaNotFoundException(lookup.schemaId(), url, lookup.prefix() + said);
    }
    if (answer.status() == 501) {
      return new InvalidSchemaException(lookup.schemaId(), url,
          lookup.prefix() + "the registry does not implement the request it needs (" + said + ")", null);
    }
    return new RegistryUnavailableException(lookup.schemaId(), url,
        lookup.prefix() + "the registry answered " + said + attempts(answer.attempts()), null);
  }

  /** No URL answered, after the retries. */
  SchemaRegistryException unreachable(Lookup lookup, NoAnswer noAnswer) {
    return new RegistryUnavailableException(lookup.schemaId(), registry,
        lookup.prefix() + noAnswer.problem() + attempts(noAnswer.attempts()), noAnswer.failure());
  }

  /** A 200 answer that is not what the API documents. */
  SchemaRegistryException unreadable(Lookup lookup, String problem) {
    return new RegistryUnavailableException(lookup.schemaId(), registry,
        lookup.prefix() + "the answer is not a schema as the Schema Registry API describes it: " + problem, null);
  }

  /** The registry has the schema, but Floe cannot use it. */
  SchemaRegistryException invalid(Lookup lookup, String problem) {
    return new InvalidSchemaException(lookup.schemaId(), registry, lookup.prefix() + problem, null);
  }

  SchemaRegistryException interrupted(Lookup lookup, InterruptedException cause) {
    return new RegistryUnavailableException(lookup.schemaId(), registry,
        lookup.prefix() + "interrupted while waiting for the registry", cause);
  }

  private static String attempts(int attempts) {
    return attempts == 1 ? "" : " (" + attempts + " attempts)";
  }
}
