package io.floe.plugin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Cloud Storage for tests, on loopback, in memory: the requests of the JSON API over HTTP that
 * Google's Java client sends for what Iceberg's GCSFileIO and Floe do, answered as Cloud Storage
 * answers them, so that any process pointed at it ({@code gcs.service.host}, {@code gcs.no-auth})
 * shares its buckets. A stand-in written to the API's documentation and the client's requests, not
 * Google's service: no authentication, versioning, preconditions, batches or multipart uploads.
 */
public final class LoopbackGcsServer implements AutoCloseable {
  /** An object's metadata, and its bytes ({@code alt=media}), which the client asks of the download path. */
  private static final Pattern OBJECT = Pattern.compile("(?:/download)?/storage/v1/b/([^/]+)/o/(.+)");
  private static final Pattern OBJECTS = Pattern.compile("/storage/v1/b/([^/]+)/o");
  private static final Pattern UPLOADS = Pattern.compile("/upload/storage/v1/b/([^/]+)/o");
  /** The Range of a ranged read: {@code bytes=0-}, {@code bytes=100-199}. */
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
  /** Page size of a listing that does not name one, as Cloud Storage's. */
  private static final int PAGE = 1000;

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final Map<String, NavigableMap<String, GcsObject>> buckets = new ConcurrentHashMap<>();
  private final Map<String, ResumableUpload> uploads = new ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong(Instant.now().toEpochMilli() * 1000);

  private LoopbackGcsServer(Set<String> bucketNames) throws IOException {
    bucketNames.forEach(name -> buckets.put(name, new ConcurrentSkipListMap<>()));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A server holding the given buckets, empty; every other bucket does not exist. */
  public static LoopbackGcsServer withBuckets(String... buckets) throws IOException {
    return new LoopbackGcsServer(Set.of(buckets));
  }

  /** What to set {@code gcs.service.host} to. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      byte[] body = exchange.getRequestBody().readAllBytes();
      Matcher object = OBJECT.matcher(path);
      Matcher objects = OBJECTS.matcher(path);
      Matcher uploads = UPLOADS.matcher(path);
      if (method.equals("GET") && object.matches()) {
        get(exchange, decoded(object.group(1)), decoded(object.group(2)), query);
      } else if (method.equals("DELETE") && object.matches()) {
        delete(exchange, decoded(object.group(1)), decoded(object.group(2)));
      } else if (method.equals("GET") && objects.matches()) {
        list(exchange, decoded(objects.group(1)), query);
      } else if (method.equals("POST") && uploads.matches() && "resumable".equals(query.get("uploadType"))) {
        startUpload(exchange, decoded(uploads.group(1)), query.get("name"));
      } else if (method.equals("PUT") && uploads.matches() && query.containsKey("upload_id")) {
        upload(exchange, query.get("upload_id"), exchange.getRequestHeaders().getFirst("Content-Range"), body);
      } else {
        send(exchange, new GcsError(501, "notImplemented", "The loopback Cloud Storage does not take "
            + method + " " + exchange.getRequestURI()));
      }
    }
  }

  /** Metadata, or with {@code alt=media} the bytes, whole or of the {@code Range} asked for. */
  private void get(HttpExchange exchange, String bucket, String name, Map<String, String> query) throws IOException {
    Optional<GcsObject> found = object(exchange, bucket, name);
    if (found.isEmpty()) {
      return;
    }
    GcsObject object = found.get();
    if (query.containsKey("generation") && Long.parseLong(query.get("generation")) != object.generation()) {
      send(exchange, GcsError.noSuchObject(bucket, name));
    } else if (!"media".equals(query.get("alt"))) {
      sendJson(exchange, 200, object.resource());
    } else {
      media(exchange, object, exchange.getRequestHeaders().getFirst("Range"));
    }
  }

  private static void media(HttpExchange exchange, GcsObject object, String range) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/octet-stream");
    headers.set("x-goog-generation", String.valueOf(object.generation()));
    headers.set("x-goog-metageneration", "1");
    headers.set("x-goog-stored-content-length", String.valueOf(object.size()));
    headers.set("x-goog-stored-content-encoding", "identity");
    headers.set("x-goog-storage-class", "STANDARD");
    headers.set("ETag", object.etag());
    if (range == null) {
      sendBytes(exchange, 200, object.content());
      return;
    }
    Matcher asked = RANGE.matcher(range);
    if (!asked.matches()) {
      send(exchange, new GcsError(400, "invalid", "Range " + range));
      return;
    }
    long first = Long.parseLong(asked.group(1));
    long last = asked.group(2).isEmpty() ? object.size() - 1 : Math.min(Long.parseLong(asked.group(2)), object.size() - 1);
    if (first >= object.size()) {
      headers.set("Content-Range", "bytes */" + object.size());
      send(exchange, new GcsError(416, "requestedRangeNotSatisfiable", "The requested range cannot be satisfied."));
      return;
    }
    headers.set("Content-Range", "bytes " + first + "-" + last + "/" + object.size());
    byte[] part = new byte[(int) (last - first + 1)];
    System.arraycopy(object.content(), (int) first, part, 0, part.length);
    sendBytes(exchange, 206, part);
  }

  private void delete(HttpExchange exchange, String bucket, String name) throws IOException {
    Optional<NavigableMap<String, GcsObject>> objects = bucket(exchange, bucket);
    if (objects.isEmpty()) {
      return;
    }
    if (objects.get().remove(name) == null) {
      send(exchange, GcsError.noSuchObject(bucket, name));
    } else {
      exchange.sendResponseHeaders(204, -1);
    }
  }

  /** The objects whose names start with {@code prefix}, in name order, a page at a time. */
  private void list(HttpExchange exchange, String bucket, Map<String, String> query) throws IOException {
    Optional<NavigableMap<String, GcsObject>> objects = bucket(exchange, bucket);
    if (objects.isEmpty()) {
      return;
    }
    String prefix = query.getOrDefault("prefix", "");
    int page = query.containsKey("maxResults") ? Integer.parseInt(query.get("maxResults")) : PAGE;
    List<GcsObject> listed = objects.get().tailMap(query.getOrDefault("pageToken", prefix), true).values().stream()
        .takeWhile(object -> object.name().startsWith(prefix)).limit(page + 1L).toList();
    StringBuilder json = new StringBuilder("{\"kind\":\"storage#objects\"");
    if (!listed.isEmpty()) {
      json.append(",\"items\":[").append(listed.stream().limit(page).map(GcsObject::resource)
          .collect(Collectors.joining(","))).append(']');
    }
    if (listed.size() > page) {
      json.append(",\"nextPageToken\":").append(GcsJson.quoted(listed.get(page).name()));
    }
    sendJson(exchange, 200, json.append('}').toString());
  }

  /** Opens a session; its URI, in {@code Location}, is where the client PUTs the chunks. */
  private void startUpload(HttpExchange exchange, String bucket, String name) throws IOException {
    if (bucket(exchange, bucket).isEmpty()) {
      return;
    }
    String id = UUID.randomUUID().toString();
    uploads.put(id, new ResumableUpload(bucket, name));
    exchange.getResponseHeaders().set("Location", endpoint() + "/upload/storage/v1/b/" + bucket
        + "/o?uploadType=resumable&upload_id=" + id);
    exchange.sendResponseHeaders(200, -1);
  }

  /** A chunk: 308 with the bytes persisted while the object is incomplete, the object once it is whole. */
  private void upload(HttpExchange exchange, String id, String contentRange, byte[] chunk) throws IOException {
    ResumableUpload upload = uploads.get(id);
    if (upload == null) {
      send(exchange, new GcsError(404, "notFound", "No such upload session: " + id));
      return;
    }
    Optional<GcsObject> finished = upload.finished();
    if (finished.isEmpty()) {
      Optional<byte[]> whole;
      try {
        whole = upload.take(contentRange, chunk);
      } catch (IllegalArgumentException e) {
        send(exchange, new GcsError(400, "invalid", e.getMessage()));
        return;
      }
      finished = whole.map(content -> stored(upload, content));
    }
    if (finished.isPresent()) {
      sendJson(exchange, 200, finished.get().resource());
    } else {
      upload.persistedRange().ifPresent(range -> exchange.getResponseHeaders().set("Range", range));
      exchange.sendResponseHeaders(308, -1);
    }
  }

  private GcsObject stored(ResumableUpload upload, byte[] content) {
    GcsObject object = new GcsObject(upload.bucket(), upload.name(), content, generations.incrementAndGet(),
        Instant.now());
    buckets.get(upload.bucket()).put(upload.name(), object);
    upload.finish(object);
    return object;
  }

  private Optional<GcsObject> object(HttpExchange exchange, String bucket, String name) throws IOException {
    Optional<GcsObject> object = bucket(exchange, bucket).map(objects -> objects.get(name));
    if (object.isEmpty() && buckets.containsKey(bucket)) {
      send(exchange, GcsError.noSuchObject(bucket, name));
    }
    return object;
  }

  private Optional<NavigableMap<String, GcsObject>> bucket(HttpExchange exchange, String bucket) throws IOException {
    NavigableMap<String, GcsObject> objects = buckets.get(bucket);
    if (objects == null) {
      send(exchange, GcsError.noSuchBucket());
    }
    return Optional.ofNullable(objects);
  }

  static void send(HttpExchange exchange, GcsError error) throws IOException {
    sendJson(exchange, error.status(), new String(error.body(), StandardCharsets.UTF_8));
  }

  private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    sendBytes(exchange, status, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void sendBytes(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        query.put(decoded(equals < 0 ? pair : pair.substring(0, equals)),
            equals < 0 ? "" : decoded(pair.substring(equals + 1)));
      }
    }
    return query;
  }

  /** Percent-decoded; a {@code +} is itself, as in the client's paths and query values. */
  private static String decoded(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
