package io.floe.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import io.floe.plugin.storage.LocalFileIO;
import org.apache.iceberg.rest.RESTCatalogServer;

/**
 * Iceberg's own REST catalog server ({@code iceberg-open-api} test fixtures), in this JVM on a free
 * loopback port, backed by a JDBC catalog (on a SQLite file). It speaks plain HTTP and checks no
 * credentials: {@link CatalogGateway} adds both in front of it.
 */
public final class IcebergRestFixture implements AutoCloseable {
  private final RESTCatalogServer server;
  private final int port;

  private IcebergRestFixture(RESTCatalogServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** The server with its warehouse in a local directory. */
  static IcebergRestFixture start(Path warehouse, Path database) throws Exception {
    return start(Map.of(
        "warehouse", warehouse.toString(),
        "uri", "jdbc:sqlite:" + database,
        // Its default, HadoopFileIO, needs more of Hadoop than the plugin's class path has.
        "io-impl", LocalFileIO.class.getName()));
  }

  /** The server with the properties of its backing catalog: {@code uri} (JDBC), {@code warehouse}, its FileIO's. */
  public static IcebergRestFixture start(Map<String, String> catalogProperties) throws Exception {
    int port = freePort();
    Map<String, String> configuration = new HashMap<>(catalogProperties);
    configuration.put(RESTCatalogServer.REST_PORT, String.valueOf(port));
    // Its constructor taking the configuration is package-private; its public main() reads the
    // configuration from the environment and never returns.
    Constructor<RESTCatalogServer> constructor = RESTCatalogServer.class.getDeclaredConstructor(Map.class);
    constructor.setAccessible(true);
    RESTCatalogServer server = constructor.newInstance(configuration);
    server.start(false);
    return new IcebergRestFixture(server, port);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free loopback port: " + e.getMessage(), e);
    }
  }
}
