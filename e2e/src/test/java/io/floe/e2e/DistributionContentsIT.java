package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The distribution an operator unpacks into a broker: {@code lib/} and {@code bin/floe}, and none
 * of the broker's own classes in {@code lib/}, which the child-first plugin loader would load a
 * second time. The tool's own {@code tools/} carries Kafka's client classes, which the broker never loads.
 */
class DistributionContentsIT {
  private static final List<String> BROKER_PACKAGES = List.of(
      "org/apache/kafka/common/", "org/apache/kafka/server/log/remote/storage/", "org/apache/kafka/clients/",
      "org/slf4j/");

  @Test
  void theArchiveHoldsLibAndBinAndNoneOfTheBrokersClasses() throws IOException {
    Path archive = Path.of(System.getProperty("floe.archive"));
    List<String> entries = new ArrayList<>();
    List<String> brokerClasses = new ArrayList<>();
    try (TarReader tar = new TarReader(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive))))) {
      for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
        entries.add(entry.name());
        if (entry.name().endsWith(".jar") && entry.name().contains("/lib/")) {
          brokerClasses.addAll(brokerClassesIn(entry.name(), tar.content()));
        }
      }
    }

    String top = entries.get(0).substring(0, entries.get(0).indexOf('/') + 1);
    assertTrue(top.startsWith("floe-"), top);
    assertTrue(entries.contains(top + "bin/floe"), entries.toString());
    assertTrue(entries.stream().anyMatch(e -> e.startsWith(top + "lib/floe-plugin-")), entries.toString());
    assertTrue(entries.stream().anyMatch(e -> e.startsWith(top + "lib/httpclient5-")),
        "the REST catalog client's HTTP client: " + entries);
    assertEquals(List.of(), brokerClasses, "the broker's own classes must not be in the plugin's lib/");
  }

  /** bin/floe runs on lib/ (picocli among it) and tools/: Kafka's config classes and the SLF4J API, off the broker's path. */
  @Test
  void theToolsClassesAreBesideLib() throws IOException {
    Path archive = Path.of(System.getProperty("floe.archive"));
    List<String> entries = new ArrayList<>();
    try (TarReader tar = new TarReader(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive))))) {
      for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
        entries.add(entry.name().substring(entry.name().indexOf('/') + 1));
      }
    }

    assertTrue(entries.stream().anyMatch(e -> e.startsWith("lib/picocli-")), entries.toString());
    assertTrue(entries.stream().anyMatch(e -> e.startsWith("tools/kafka-clients-")), entries.toString());
    assertTrue(entries.stream().anyMatch(e -> e.startsWith("tools/slf4j-api-")), entries.toString());
  }

  /** GCSFileIO and the Cloud Storage client's HTTP transport, without its gRPC transport, which GCSFileIO never loads. */
  @Test
  void theArchiveCarriesGcsOverHttpAndNotTheGrpcTransport() throws IOException {
    Path archive = Path.of(System.getProperty("floe.archive"));
    List<String> jars = new ArrayList<>();
    try (TarReader tar = new TarReader(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive))))) {
      for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
        if (entry.name().contains("/lib/")) {
          jars.add(entry.name().substring(entry.name().lastIndexOf('/') + 1));
        }
      }
    }

    for (String needed : List.of("iceberg-gcp-", "google-cloud-storage-", "google-auth-library-oauth2-http-",
        "google-http-client-")) {
      assertTrue(jars.stream().anyMatch(jar -> jar.startsWith(needed)), needed + " among " + jars);
    }
    for (String unneeded : List.of("grpc-netty-shaded-", "grpc-core-", "gax-grpc-", "google-cloud-monitoring-",
        "opentelemetry-sdk-")) {
      assertTrue(jars.stream().noneMatch(jar -> jar.startsWith(unneeded)), unneeded + " among " + jars);
    }
  }

  private static List<String> brokerClassesIn(String jar, byte[] content) throws IOException {
    List<String> found = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        if (name.endsWith(".class") && BROKER_PACKAGES.stream().anyMatch(name::startsWith)) {
          found.add(jar + "!" + name);
        }
      }
    }
    return found;
  }

  /** Just enough of the ustar format to list an archive and read its files. */
  private static final class TarReader implements AutoCloseable {
    record Entry(String name, long size) {}

    private final InputStream in;
    private Entry current;
    private boolean consumed;

    TarReader(InputStream in) {
      this.in = in;
    }

    Entry next() throws IOException {
      if (current != null) {
        skipPadding(current.size());
      }
      byte[] header = in.readNBytes(512);
      if (header.length < 512 || header[0] == 0) {
        return null;
      }
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      long size = Long.parseLong(field(header, 124, 12).trim(), 8);
      current = new Entry(prefix.isEmpty() ? name : prefix + "/" + name, size);
      consumed = false;
      return current;
    }

    byte[] content() throws IOException {
      consumed = true;
      return in.readNBytes((int) current.size());
    }

    private void skipPadding(long size) throws IOException {
      long toSkip = (consumed ? 0 : size) + (512 - size % 512) % 512;
      in.skipNBytes(toSkip);
    }

    private static String field(byte[] header, int offset, int length) {
      int end = offset;
      while (end < offset + length && header[end] != 0) {
        end++;
      }
      return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
