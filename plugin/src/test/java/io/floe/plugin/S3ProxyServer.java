package io.floe.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy with its in-memory blob store, on a free loopback port, in a
 * child JVM; or with the same blob store on disk ({@link #startOnDisk}), whose objects are files a
 * test can age. It runs from its self-contained jar, which the build copies to the path in system
 * property {@value #JAR_PROPERTY}: inside the test JVM its Jetty, Jackson and HTTP client would
 * clash with Iceberg's and the AWS SDK's.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "floe-test-access-key";
  /** Distinctive, so that a test can prove it never reaches a message. */
  public static final String SECRET_KEY = "floe-test-secret-Zq81vX";
  public static final String REGION = "us-east-1";

  private static final String JAR_PROPERTY = "floe.test.s3proxy.jar";
  /** S3Proxy's in-memory blob store. */
  private static final String IN_MEMORY = "jclouds.provider=transient-nio2";
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Process process;
  private final Path log;
  private final int port;
  /** The CA whose certificate the server presents over HTTPS; null: plain HTTP. */
  private final PrivateCertificateAuthority authority;

  private S3ProxyServer(Process process, Path log, int port, PrivateCertificateAuthority authority) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.authority = authority;
  }

  /** Starts a server keeping its configuration and log in {@code dir}, and waits until it accepts connections. */
  public static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
    return start(dir, null, IN_MEMORY);
  }

  /**
   * Starts a server that keeps its objects as files under {@link #objectsOnDisk(Path) objectsOnDisk(dir)},
   * each bucket a directory and each key a path in it (S3Proxy's {@code filesystem-nio2} store, the
   * in-memory one's code on the default file system). An object's {@code Last-Modified}, in
   * listings and heads, is its file's modification time: setting that back ages the object.
   */
  public static S3ProxyServer startOnDisk(Path dir) throws IOException, InterruptedException {
    Path objects = Files.createDirectories(objectsOnDisk(dir));
    return start(dir, null, "jclouds.provider=filesystem-nio2\njclouds.filesystem.basedir=" + objects);
  }

  /** Where a server started on disk in {@code dir} keeps its objects: a directory per bucket. */
  public static Path objectsOnDisk(Path dir) {
    return dir.resolve("objects");
  }

  /** Starts a server that serves HTTPS only, with the certificate {@code authority} signed for 127.0.0.1. */
  public static S3ProxyServer startTls(Path dir, PrivateCertificateAuthority authority)
      throws IOException, InterruptedException {
    return start(dir, authority, IN_MEMORY);
  }

  private static S3ProxyServer start(Path dir, PrivateCertificateAuthority authority, String blobStore)
      throws IOException, InterruptedException {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("Cannot start S3Proxy: no jar at system property " + JAR_PROPERTY
          + " (" + jar + "); run the tests through Maven, which copies it there");
    }
    int port = freePort();
    String endpoint = authority == null ? "s3proxy.endpoint=http://127.0.0.1:" + port
        : String.join("\n", "s3proxy.secure-endpoint=https://127.0.0.1:" + port,
            "s3proxy.keystore-path=" + authority.serverKeyStore(),
            "s3proxy.keystore-password=" + authority.password());
    Path properties = Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
        endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        blobStore,
        "jclouds.identity=" + ACCESS_KEY,
        "jclouds.credential=" + SECRET_KEY));
    Path log = dir.resolve("s3proxy.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
        "--properties", properties.toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    S3ProxyServer server = new S3ProxyServer(process, log, port, authority);
    server.awaitListening();
    return server;
  }

  /** Where S3 clients reach it: {@code http://127.0.0.1:<port>}, or {@code https://} when it serves TLS. */
  public URI endpoint() {
    return URI.create((authority == null ? "http" : "https") + "://127.0.0.1:" + port);
  }

  /** A plain AWS SDK client of this server, for looking at buckets from outside Floe. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.of(REGION))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(this::trustManagers))
        .build();
  }

  private TrustManager[] trustManagers() {
    try {
      return authority == null ? null : authority.trustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the trust store of " + endpoint() + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server: from then on, connections to it are refused. */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited with status " + process.exitValue() + " before listening on "
            + endpoint() + ":\n" + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    stop();
    throw new IllegalStateException("S3Proxy did not listen on " + endpoint() + " within " + STARTUP.toSeconds()
        + " s:\n" + Files.readString(log));
  }

  /** An endpoint on loopback where nothing listens: connections are refused, as by a store that is down. */
  static URI unreachableEndpoint() {
    return URI.create("http://127.0.0.1:" + freePort());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free loopback port for S3Proxy: " + e.getMessage(), e);
    }
  }
}
