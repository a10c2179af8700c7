package io.floe.plugin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Cloud Storage JSON API endpoint on loopback that refuses every request with one error, as
 * Cloud Storage words it: the real client, over HTTP, meets a missing bucket or a refused
 * permission. It keeps each request's Authorization header, to show which credentials were sent.
 */
final class RefusingGcsServer implements AutoCloseable {
  private final HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private RefusingGcsServer(GcsError error) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(authorization == null ? "" : authorization);
      exchange.getRequestBody().readAllBytes();
      LoopbackGcsServer.send(exchange, error);
    });
    server.start();
  }

  /** Answers as Cloud Storage does for a bucket that does not exist. */
  static RefusingGcsServer noSuchBucket() throws IOException {
    return new RefusingGcsServer(GcsError.noSuchBucket());
  }

  /** Answers as Cloud Storage does when the credentials lack the permission. */
  static RefusingGcsServer forbidden() throws IOException {
    return new RefusingGcsServer(new GcsError(403, "forbidden",
        "floe@project.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object."));
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The Authorization header of every request so far, empty where there was none. */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
