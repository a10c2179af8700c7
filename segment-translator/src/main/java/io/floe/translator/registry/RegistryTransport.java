package io.floe.translator.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * GET requests to the registry: the headers it expects, each base URL in turn until one answers,
 * and retries of transient failures with growing waits. It knows HTTP, not schemas.
 */
final class RegistryTransport {
  /** What Confluent's own client accepts: the versioned media type first. */
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

  private final HttpClient http;
  private final List<URI> urls;
  private final Optional<String> authorization;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final RetryPolicy retries;
  /** The URL that answered last: requests start there, so a dead first URL costs one failure, not one per lookup. */
  private final AtomicInteger preferred = new AtomicInteger();

  RegistryTransport(RegistrySettings settings) {
    HttpClient.Builder builder = HttpClient.newBuilder()
        // The registry speaks HTTP/1.1; pinning it spares plain-http requests an h2c upgrade offer.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        // Credentials must not follow a redirect to another host.
        .followRedirects(HttpClient.Redirect.NEVER);
    settings.trustStore().ifPresent(store -> builder.sslContext(store.sslContext()));
    this.http = builder.build();
    this.urls = settings.urls();
    this.authorization = settings.credentials().map(RegistryCredentials::authorization);
    this.connectTimeout = settings.connectTimeout();
    this.requestTimeout = settings.requestTimeout();
    this.retries = settings.retries();
  }

  /** One lookup's outcome: an HTTP answer, or why no URL answered; and how many attempts it took. */
  sealed interface Exchange permits Answer, NoAnswer {
    int attempts();

    /** Worth another attempt: the registry may answer differently in a moment. */
    boolean isTransient();
  }

  /** An HTTP answer from the base URL {@code url}. */
  record Answer(URI url, int status, String body, int attempts) implements Exchange {
    @Override
    public boolean isTransient() {
      // 501 is the registry saying it does not implement a request, which no retry changes.
      return status == 408 || status == 429 || status >= 500 && status != 501;
    }
  }

  /** No answer from any URL: the last one's failure, described for a message. */
  record NoAnswer(String problem, IOException failure, int attempts) implements Exchange {
    @Override
    public boolean isTransient() {
      // A certificate the trust store does not cover stays uncovered.
      return !(failure instanceof SSLException);
    }
  }

  /** GETs {@code pathAndQuery} (starting with {@code /}) below the base URLs. */
  Exchange get(String pathAndQuery) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Exchange exchange = tryEachUrl(pathAndQuery, attempt);
      if (!exchange.isTransient() || attempt > retries.maxRetries()) {
        return exchange;
      }
      Thread.sleep(retries.waitBefore(attempt).toMillis());
    }
  }

  private Exchange tryEachUrl(String pathAndQuery, int attempt) throws InterruptedException {
    int first = preferred.get();
    Exchange exchange = null;
    for (int i = 0; i < urls.size(); i++) {
      int index = (first + i) % urls.size();
      exchange = send(urls.get(index), pathAndQuery, attempt);
      if (!exchange.isTransient()) {
        preferred.set(index);
        return exchange;
      }
    }
    return exchange;
  }

  private Exchange send(URI base, String pathAndQuery, int attempt) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .GET()
        .timeout(requestTimeout)
        .header("Accept", ACCEPT);
    authorization.ifPresent(value -> request.header("Authorization", value));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(base, response.statusCode(), response.body(), attempt);
    } catch (IOException e) {
      return new NoAnswer(describe(base, e), e, attempt);
    }
  }

  private String describe(URI base, IOException failure) {
    if (failure instanceof HttpConnectTimeoutException) {
      return "no connection to " + base + " within " + RegistrySettings.CONNECT_TIMEOUT_MS + " ("
          + connectTimeout.toMillis() + " ms)";
    }
    if (failure instanceof HttpTimeoutException) {
      return "no answer from " + base + " within " + RegistrySettings.REQUEST_TIMEOUT_MS + " ("
          + requestTimeout.toMillis() + " ms)";
    }
    if (failure instanceof ConnectException) {
      String reason = failure.getMessage() == null ? "connection refused" : failure.getMessage();
      return "cannot connect to " + base + " (" + reason + ")";
    }
    if (failure instanceof SSLException) {
      return "TLS with " + base + " failed (" + failure.getMessage() + "): does the trust store of "
          + RegistrySettings.SSL_TRUSTSTORE_LOCATION + " hold the registry's certificate or its CA?";
    }
    return "request to " + base + " failed (" + failure + ")";
  }
}
