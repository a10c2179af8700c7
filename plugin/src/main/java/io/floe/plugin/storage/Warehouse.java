package io.floe.plugin.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.io.FileIO;

/**
 * The object store and the catalog, as configured. The FileIO is made at once (the fetch path
 * needs nothing else); the catalog only when an upload first needs it, so that a broker starts,
 * and serves tiered data, while the catalog is unreachable.
 */
public final class Warehouse implements Closeable {
  private static final String SQLITE_URI = "jdbc:sqlite:";
  /** The JDBC drivers Floe ships, by the start of the URIs they serve. */
  private static final Map<String, String> DRIVERS = Map.of(
      SQLITE_URI, "org.sqlite.JDBC",
      "jdbc:postgresql:", "org.postgresql.Driver");
  /** Where a URI may carry credentials: user info, and the query or JDBC parameters. */
  private static final Pattern USER_INFO = Pattern.compile("//[^/@?#;]*@");
  private static final Pattern PARAMETERS = Pattern.compile("[?;#].*$");

  private final String catalogName;
  private final Map<String, String> catalogProperties;
  private final FileIO io;
  private Catalog catalog;
  private boolean closed;

  /**
   * @param catalogProperties the properties of the catalog and its FileIO, as Iceberg takes them; the
   *     FileIO is the one they name ({@code io-impl}), as the catalog itself loads it
   */
  public Warehouse(String catalogName, Map<String, String> catalogProperties) {
    this.catalogName = catalogName;
    this.catalogProperties = Map.copyOf(catalogProperties);
    this.io = CatalogUtil.loadFileIO(
        this.catalogProperties.get(CatalogProperties.FILE_IO_IMPL), this.catalogProperties, null);
  }

  public FileIO io() {
    return io;
  }

  /**
   * The catalog, built on first use; a failure is retried at the next call.
   *
   * @throws CatalogOpenException if it cannot be built: unreachable, or refusing Floe's credentials
   */
  public synchronized Catalog catalog() {
    if (closed) {
      throw new CatalogOpenException("Cannot open " + catalogDescription() + ": Floe is closing", false, null);
    }
    if (catalog == null) {
      String uri = catalogProperties.getOrDefault(CatalogProperties.URI, "");
      DRIVERS.forEach((scheme, driver) -> {
        if (uri.startsWith(scheme)) {
          register(driver);
        }
      });
      if (uri.startsWith(SQLITE_URI)) {
        createDirectoryOf(uri.substring(SQLITE_URI.length()));
      }
      try {
        catalog = CatalogUtil.buildIcebergCatalog(catalogName, catalogProperties, null);
      } catch (NotAuthorizedException | ForbiddenException e) {
        throw new CatalogOpenException("Cannot open " + catalogDescription() + ": it refuses Floe's credentials "
            + "(iceberg.catalog.credential or iceberg.catalog.token): " + e.getMessage(), false, e);
      } catch (RuntimeException e) {
        throw new CatalogOpenException("Cannot open " + catalogDescription() + ": " + withRootCause(e), true, e);
      }
    }
    return catalog;
  }

  /** The failure's message, and its root cause's where that says more (why a request failed). */
  private static String withRootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = String.valueOf(failure.getMessage());
    return root == failure || root.getMessage() == null || message.contains(root.getMessage()) ? message
        : message + ": " + root.getMessage();
  }

  /** Whether Floe is closing: the catalog is not opened any more. */
  public synchronized boolean closed() {
    return closed;
  }

  /** The catalog as messages name it: its name and URI, without credentials or parameters. */
  public String catalogDescription() {
    String uri = catalogProperties.get(CatalogProperties.URI);
    return "catalog " + catalogName + (uri == null ? "" : " (" + withoutSecrets(uri) + ")");
  }

  private static String withoutSecrets(String uri) {
    return PARAMETERS.matcher(USER_INFO.matcher(uri).replaceFirst("//")).replaceFirst("");
  }

  /**
   * Loads a JDBC driver, which registers it: DriverManager looks through the context class loader,
   * which is not the plugin's everywhere.
   */
  private static void register(String driver) {
    try {
      Class.forName(driver);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("The JDBC driver " + driver + " is missing from Floe's lib/ directory", e);
    }
  }

  /** Creates the SQLite database's directory, which SQLite does not. */
  private static void createDirectoryOf(String file) {
    int parameters = file.indexOf('?');
    Path parent = Path.of(parameters < 0 ? file : file.substring(0, parameters)).toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the directory of the SQLite catalog: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    io.close();
    if (catalog instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
