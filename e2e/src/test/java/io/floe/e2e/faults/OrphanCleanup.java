package io.floe.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.WarehouseCatalog;
import io.floe.writer.maintenance.MaintenanceLease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The last invariant of a fault scenario, checked as an operator would once nothing writes any more:
 * {@code floe check} lists the orphans the run left (files under a table's data location that no
 * snapshot and no segment manifest references), every file of the warehouse is set back past Floe's
 * default orphan cut-off ({@code maintenance.orphans.min-age.ms}, 3 days) as if that much time had
 * passed, {@code floe maintain} runs the maintenance pass once, and {@code floe check} must then
 * find no problem at all. The tool reaches the catalog and the store directly, never through a
 * faulty proxy.
 */
public final class OrphanCleanup {
  /** Older than Floe's default orphan cut-off. */
  private static final Duration PAST_ORPHAN_CUT_OFF = Duration.ofDays(4);
  private static final Pattern ORPHANS_REMOVED = Pattern.compile(
      "remove-orphan-files: removed (\\d+) orphan files(?: and the manifests of (\\d+) segments)?");

  private final FloeDistribution floe;
  private final Path dir;
  private final Map<String, String> catalog;

  /**
   * @param dir where the tool's configuration and each run's output go
   * @param catalog the {@code iceberg.catalog.*} keys (without the prefix) of a catalog reached directly
   */
  public OrphanCleanup(FloeDistribution floe, Path dir, Map<String, String> catalog) {
    this.floe = floe;
    this.dir = dir;
    this.catalog = Map.copyOf(catalog);
  }

  /**
   * What the clean-up met: the orphans {@code floe check} listed after the run, those {@code floe
   * maintain} removed, the segment manifests it removed with them (of uploads whose commit had an
   * unknown outcome and did not land), and the maintenance leases a stopped broker still held,
   * given back first.
   */
  public record Orphans(long found, long removed, long manifestsRemoved, long leasesGivenBack) {}

  /**
   * Cleans up the tables of {@code topics}, whose files (data, metadata, manifests) lie under
   * {@code files} on this machine: the warehouse directory, or the directory a store on disk keeps
   * the bucket's objects in. Fails if {@code floe maintain} fails or removes no orphan of some
   * table (skipped it), or if {@code floe check} finds any problem after it. A maintenance lease
   * left on a table is given back first, as an operator would once every broker is stopped.
   */
  public Orphans run(Path files, List<String> topics) {
    Path config = toolConfig();
    long found = 0;
    for (String topic : topics) {
      CheckOutput before = CheckOutput.of(
          tool("check-before-" + topic, "check", "--config", config.toString(), "--topic", topic).out());
      found += before.files("orphan").size();
    }
    // A broker stopped in the middle of a maintenance pass keeps the table's lease for its term, an
    // hour (docs/operations/maintenance.md), and floe maintain would skip the table until then.
    long leasesGivenBack = topics.stream()
        .filter(topic -> WarehouseCatalog.removeTableProperty(catalog, topic, MaintenanceLease.PROPERTY).isPresent())
        .count();
    ageFiles(files, PAST_ORPHAN_CUT_OFF);
    List<String> maintainArgs = new ArrayList<>(List.of("maintain", "--config", config.toString()));
    topics.forEach(topic -> maintainArgs.addAll(List.of("--topic", topic)));
    FloeDistribution.ToolRun maintain = tool("maintain", maintainArgs.toArray(String[]::new));
    assertEquals(0, maintain.exit(), maintain.toString());
    Matcher removal = ORPHANS_REMOVED.matcher(maintain.out());
    long removed = 0;
    long manifestsRemoved = 0;
    int tablesCleaned = 0;
    while (removal.find()) {
      removed += Long.parseLong(removal.group(1));
      manifestsRemoved += removal.group(2) == null ? 0 : Long.parseLong(removal.group(2));
      tablesCleaned++;
    }
    assertEquals(topics.size(), tablesCleaned, "tables whose orphans floe maintain removed: " + maintain);
    for (String topic : topics) {
      FloeDistribution.ToolRun check = tool("check-after-" + topic, "check", "--config", config.toString(), "--topic", topic);
      assertEquals(List.of(), CheckOutput.of(check.out()).problems(), "problems floe check found after floe maintain: " + check);
      assertEquals(0, check.exit(), "floe check after floe maintain: " + check);
    }
    return new Orphans(found, removed, manifestsRemoved, leasesGivenBack);
  }

  private FloeDistribution.ToolRun tool(String run, String... args) {
    return floe.tool(dir.resolve(run), args);
  }

  /** A broker configuration file as {@code bin/floe} reads it: Floe's keys under {@code rsm.config.}. */
  private Path toolConfig() {
    String lines = catalog.entrySet().stream().map(e -> "rsm.config.iceberg.catalog." + e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n", "", "\n"));
    try {
      return Files.writeString(Files.createDirectories(dir).resolve("floe-tool.properties"), lines);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the tool's configuration to " + dir, e);
    }
  }

  /** Sets every file under {@code root} back by {@code age}: as if that much time had passed since the run. */
  private static void ageFiles(Path root, Duration age) {
    FileTime past = FileTime.from(Instant.now().minus(age));
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, past);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot age the files under " + root, e);
    }
  }
}
