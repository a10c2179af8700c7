package io.floe.plugin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * What stands between Floe and {@link IcebergRestFixture}, as an identity provider and a TLS
 * terminating gateway stand in front of a production catalog: it serves HTTPS with a certificate of a
 * private CA, issues short-lived bearer tokens at its OAuth2 token endpoint (the client-credentials
 * grant, and the token exchange Iceberg's client refreshes with), rejects requests without a live
 * token with 401, and forwards the others to the catalog. A test can make it answer chosen requests
 * with an error, or hold them, as a catalog in trouble does.
 */
public final class CatalogGateway implements AutoCloseable {
  static final String TOKEN_PATH = "/oauth2/token";
  private static final String CLIENT_CREDENTIALS = "client_credentials";
  private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  private static final Set<String> NOT_FORWARDED = Set.of(
      "host", "connection", "content-length", "expect", "upgrade", "accept-encoding", "authorization");

  /** A request as the gateway sees it. */
  record Request(String method, String path) {}

  /** An error or a delay the gateway gives the requests it matches, instead of or before the catalog's answer. */
  /** A status and error type to answer with, or a delay before forwarding; after forwarding, when {@code applied}. */
  private record Fault(Predicate<Request> matches, int status, String type, Duration delay, boolean applied) {}

  private final HttpsServer server;
  private final ExecutorService threads;
  private final URI catalog;
  private final String clientId;
  private final String clientSecret;
  private final Duration tokenLifetime;
  private final Clock clock;
  private final HttpClient forwarder = HttpClient.newHttpClient();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final List<String> grants = new CopyOnWriteArrayList<>();
  private final List<String> bearers = new CopyOnWriteArrayList<>();
  private final List<Request> answered = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  private CatalogGateway(HttpsServer server, ExecutorService threads, URI catalog, String clientId, String clientSecret,
      Duration tokenLifetime, Clock clock) {
    this.server = server;
    this.threads = threads;
    this.catalog = catalog;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.tokenLifetime = tokenLifetime;
    this.clock = clock;
  }

  /** Starts a gateway to {@code catalog} on a free loopback port, for one client's credentials. */
  public static CatalogGateway start(URI catalog, SSLContext tls, String clientId, String clientSecret,
      Duration tokenLifetime) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    ExecutorService threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    CatalogGateway gateway = new CatalogGateway(server, threads, catalog, clientId, clientSecret, tokenLifetime,
        Clock.systemUTC());
    server.createContext("/", gateway::handle);
    server.start();
    return gateway;
  }

  /** The catalog's URI through the gateway. */
  public URI uri() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  public URI tokenEndpoint() {
    return uri().resolve(TOKEN_PATH);
  }

  /** A token accepted until it expires, as an identity provider hands an operator one. */
  String issueToken(Duration lifetime) {
    String token = "floe-test-token-" + UUID.randomUUID();
    tokens.put(token, clock.instant().plus(lifetime));
    return token;
  }

  /** The grant types of the tokens issued at the token endpoint, in order. */
  List<String> grants() {
    return List.copyOf(grants);
  }

  /** The bearer tokens of the catalog requests forwarded, in order. */
  public List<String> bearers() {
    return List.copyOf(bearers);
  }

  /** The requests the catalog answered, in order. */
  List<Request> answered() {
    return List.copyOf(answered);
  }

  /** From now on, requests that {@code matches} are answered with {@code status} and an error of Iceberg's {@code type}. */
  void answer(Predicate<Request> matches, int status, String type) {
    faults.add(new Fault(matches, status, type, Duration.ZERO, false));
  }

  /** From now on, requests that {@code matches} are held for {@code delay} before they are forwarded. */
  void hold(Predicate<Request> matches, Duration delay) {
    faults.add(new Fault(matches, 0, null, delay, false));
  }

  /**
   * The next request that {@code matches} reaches the catalog, which does the work, and its answer
   * is replaced with {@code status} and an error of Iceberg's {@code type}: a proxy in between failing once.
   */
  void answerOnceAfterApplying(Predicate<Request> matches, int status, String type) {
    faults.add(new Fault(matches, status, type, Duration.ZERO, true));
  }

  /** Ends every fault: the catalog answers again. */
  void heal() {
    faults.clear();
  }

  /** A table commit: Iceberg's client posts the table's updates. */
  static Predicate<Request> commits() {
    return request -> request.method().equals("POST") && request.path().matches("/v1/namespaces/[^/]+/tables/[^/]+");
  }

  /** Every request to the catalog's API. */
  static Predicate<Request> catalogRequests() {
    return request -> request.path().startsWith("/v1/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
      if (request.path().equals(TOKEN_PATH)) {
        issue(exchange);
        return;
      }
      String bearer = bearer(exchange);
      Instant expiry = bearer == null ? null : tokens.get(bearer);
      if (expiry == null || !clock.instant().isBefore(expiry)) {
        error(exchange, 401, "NotAuthorizedException", bearer == null ? "No bearer token" : "Token expired or unknown");
        return;
      }
      // Read before any hold, so that a request held past the client's timeout still reaches the catalog.
      byte[] body = exchange.getRequestBody().readAllBytes();
      Fault afterApplying = null;
      for (Fault fault : faults) {
        if (fault.matches().test(request)) {
          if (fault.applied()) {
            afterApplying = fault;
            faults.remove(fault);
          } else if (fault.status() != 0) {
            error(exchange, fault.status(), fault.type(), "Injected by the test's gateway");
            return;
          } else {
            pause(fault.delay());
          }
        }
      }
      bearers.add(bearer);
      HttpResponse<byte[]> response = forwarded(exchange, request, body);
      if (afterApplying != null) {
        error(exchange, afterApplying.status(), afterApplying.type(), "Injected by the test's gateway after the catalog's work");
        return;
      }
      response.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private void issue(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String grant = form.getOrDefault("grant_type", "");
    boolean granted = switch (grant) {
      case CLIENT_CREDENTIALS -> clientId.equals(form.get("client_id")) && clientSecret.equals(form.get("client_secret"));
      case TOKEN_EXCHANGE -> live(form.get("subject_token"));
      default -> false;
    };
    if (!granted) {
      send(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
      return;
    }
    grants.add(grant);
    String token = issueToken(tokenLifetime);
    send(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
        + tokenLifetime.toSeconds() + ",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"}");
  }

  private boolean live(String token) {
    Instant expiry = token == null ? null : tokens.get(token);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  /** The catalog's answer to the request. */
  private HttpResponse<byte[]> forwarded(HttpExchange exchange, Request original, byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(catalog.resolve(exchange.getRequestURI().toString()))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase())) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<byte[]> response;
    try {
      response = forwarder.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while forwarding", e);
    }
    answered.add(original);
    return response;
  }

  private static String bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : null;
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    send(exchange, status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":" + status + "}}");
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&"))
        .filter(pair -> pair.contains("="))
        .collect(Collectors.toMap(
            pair -> URLDecoder.decode(pair.substring(0, pair.indexOf('=')), StandardCharsets.UTF_8),
            pair -> URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8),
            (first, second) -> second));
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
