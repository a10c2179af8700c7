package io.floe.translator.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A schema registry on 127.0.0.1 that answers GET /schemas/ids/{id} and
 * GET /subjects/{subject}/versions/{version} as the Confluent Schema Registry REST API documents
 * them: its status codes, its error bodies ({@code {"error_code":40403,"message":"Schema 7 not
 * found"}}), its content type, fields left out when empty, and {@code format=serialized} answered
 * with a Protobuf schema's base64 FileDescriptorProto, or, as registries that do not serve that
 * format, with the text or a refusal ({@link SerializedProtobuf}). Ids are global and count from 1;
 * versions count from 1 per subject. It can require credentials, delay or fail answers, and it
 * records every request it receives.
 */
public final class ConfluentRegistryServer implements AutoCloseable {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
  private static final Pattern BY_VERSION = Pattern.compile("/subjects/([^/]+)/versions/(\\d+)");

  /** A reference as a schema is registered with it. */
  public record Reference(String name, String subject, int version) {}

  /** How {@code format=serialized} is answered for a Protobuf schema. */
  public enum SerializedProtobuf {
    /** With the schema's base64 FileDescriptorProto, as Confluent's registry since 7.8. */
    SERVED,
    /** With the {@code .proto} text, the format ignored, as Confluent's registry before 7.8. */
    IGNORED,
    /** With HTTP 400, as a registry that rejects a format it does not know. */
    REJECTED,
    /** With HTTP 501, as a registry that does not implement the format (Redpanda's answer). */
    NOT_IMPLEMENTED
  }

  private record Stored(String schemaType, String schema, byte[] descriptor, List<Reference> references) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<Integer, Stored> schemas = new ConcurrentHashMap<>();
  private final Map<String, List<Integer>> subjects = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile String requiredAuthorization;
  private volatile boolean forbidden;
  private volatile Duration delay = Duration.ZERO;
  private volatile SerializedProtobuf serializedProtobuf = SerializedProtobuf.SERVED;
  private volatile String impostorPage;
  private volatile UnaryOperator<byte[]> answerDamage = UnaryOperator.identity();

  private ConfluentRegistryServer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static ConfluentRegistryServer start() throws IOException {
    return new ConfluentRegistryServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  public static ConfluentRegistryServer startTls(SSLContext context) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return new ConfluentRegistryServer(server);
  }

  public String url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Registers an Avro ({@code schemaType} null, as the registry stores it) or JSON schema; returns its id. */
  public int register(String subject, String schemaType, String schema, Reference... references) {
    return store(subject, new Stored(schemaType, schema, null, List.of(references)));
  }

  /** Registers a Protobuf schema: its .proto text and the FileDescriptorProto the registry derives from it. */
  public int registerProtobuf(String subject, String proto, FileDescriptorProto descriptor, Reference... references) {
    return store(subject, new Stored("PROTOBUF", proto, descriptor.toByteArray(), List.of(references)));
  }

  private synchronized int store(String subject, Stored stored) {
    int id = schemas.size() + 1;
    schemas.put(id, stored);
    subjects.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>()).add(id);
    return id;
  }

  public void requireBasicAuth(String user, String password) {
    String userInfo = user + ":" + password;
    requiredAuthorization = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  void requireBearerToken(String token) {
    requiredAuthorization = "Bearer " + token;
  }

  /** Authenticated callers are refused reads, as a registry with authorization does for a user without rights. */
  void forbidReads() {
    forbidden = true;
  }

  public void answerSerializedProtobuf(SerializedProtobuf answer) {
    serializedProtobuf = answer;
  }

  /** Every request gets this HTML page with HTTP 200, as from a proxy or web server in the registry's place. */
  void answerAsAWebPage(String html) {
    impostorPage = html;
  }

  /** Every answer's body goes through {@code damage} on its way, as a faulty proxy or network would pass it. */
  void damageAnswers(UnaryOperator<byte[]> damage) {
    answerDamage = damage;
  }

  void delayAnswers(Duration delay) {
    this.delay = delay;
  }

  /** The next {@code count} requests get HTTP 500 with error 50001, as when the registry's store fails. */
  public void failNextRequests(int count) {
    failuresLeft.set(count);
  }

  /** Every request received, as its raw path and query: {@code /schemas/ids/3?format=serialized}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String query = exchange.getRequestURI().getRawQuery();
      String path = exchange.getRequestURI().getRawPath();
      requests.add(query == null ? path : path + "?" + query);
      Thread.sleep(delay.toMillis());
      respond(exchange, path, query);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private void respond(HttpExchange exchange, String path, String query) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (impostorPage != null) {
      byte[] page = impostorPage.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
    } else if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
      send(exchange, 401, error(401, "Unauthorized"));
    } else if (forbidden) {
      send(exchange, 403, error(403, "Forbidden"));
    } else if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      send(exchange, 500, error(50001, "Error in the backend datastore"));
    } else if (!exchange.getRequestMethod().equals("GET")) {
      send(exchange, 405, error(405, "HTTP 405 Method Not Allowed"));
    } else if (!acceptable(exchange.getRequestHeaders().getFirst("Accept"))) {
      send(exchange, 406, error(406, "HTTP 406 Not Acceptable"));
    } else if ("format=serialized".equals(query) && serializedProtobuf == SerializedProtobuf.REJECTED) {
      send(exchange, 400, error(400, "Unsupported format serialized"));
    } else if ("format=serialized".equals(query) && serializedProtobuf == SerializedProtobuf.NOT_IMPLEMENTED) {
      send(exchange, 501, error(501, "Unsupported format serialized"));
    } else {
      boolean serialized = "format=serialized".equals(query) && serializedProtobuf == SerializedProtobuf.SERVED;
      Matcher byId = BY_ID.matcher(path);
      Matcher byVersion = BY_VERSION.matcher(path);
      if (byId.matches()) {
        schemaById(exchange, Integer.parseInt(byId.group(1)), serialized);
      } else if (byVersion.matches()) {
        String subject = URLDecoder.decode(byVersion.group(1), StandardCharsets.UTF_8);
        schemaByVersion(exchange, subject, Integer.parseInt(byVersion.group(2)), serialized);
      } else {
        send(exchange, 404, error(404, "HTTP 404 Not Found"));
      }
    }
  }

  private void schemaById(HttpExchange exchange, int id, boolean serialized) throws IOException {
    Stored stored = schemas.get(id);
    if (stored == null) {
      send(exchange, 404, error(40403, "Schema " + id + " not found"));
      return;
    }
    send(exchange, 200, schema(JSON.createObjectNode(), stored, serialized));
  }

  private void schemaByVersion(HttpExchange exchange, String subject, int version, boolean serialized)
      throws IOException {
    List<Integer> versions = subjects.get(subject);
    if (versions == null) {
      send(exchange, 404, error(40401, "Subject '" + subject + "' not found."));
    } else if (version < 1 || version > versions.size()) {
      send(exchange, 404, error(40402, "Version " + version + " not found."));
    } else {
      int id = versions.get(version - 1);
      ObjectNode body = JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id);
      send(exchange, 200, schema(body, schemas.get(id), serialized));
    }
  }

  /** The registry leaves out schemaType for Avro and references when there are none. */
  private static ObjectNode schema(ObjectNode body, Stored stored, boolean serialized) {
    if (stored.schemaType() != null) {
      body.put("schemaType", stored.schemaType());
    }
    if (!stored.references().isEmpty()) {
      ArrayNode references = body.putArray("references");
      for (Reference reference : stored.references()) {
        references.addObject()
            .put("name", reference.name())
            .put("subject", reference.subject())
            .put("version", reference.version());
      }
    }
    boolean asDescriptor = serialized && stored.descriptor() != null;
    return body.put("schema", asDescriptor ? Base64.getEncoder().encodeToString(stored.descriptor()) : stored.schema());
  }

  private static boolean acceptable(String accept) {
    if (accept == null) {
      return true;
    }
    List<String> types = new ArrayList<>();
    for (String range : accept.split(",")) {
      types.add(range.split(";")[0].strip());
    }
    return types.contains(CONTENT_TYPE) || types.contains("application/vnd.schemaregistry+json")
        || types.contains("application/json") || types.contains("*/*");
  }

  private static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }

  private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = answerDamage.apply(JSON.writeValueAsBytes(body));
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
