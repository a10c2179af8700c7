package io.floe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.SegmentRef;
import io.floe.plugin.kafka.Segments;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe manifest SEGMENT}: a tiered segment's manifest, readable. */
class FloeManifestTest {
  @TempDir
  Path dir;

  private ToolWarehouse warehouse;
  private SegmentRef segment;

  @BeforeEach
  void open() throws Exception {
    warehouse = new ToolWarehouse(dir);
    segment = Segments.ref(warehouse.tier("orders", 3, 0).metadata());
  }

  @AfterEach
  void close() throws IOException {
    warehouse.close();
  }

  @Test
  void theBrokersSegmentIdFindsAndPrintsTheManifest() {
    ToolWarehouse.Run run = manifest(segment.segmentId());

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("segment " + segment.segmentId() + " of orders-3 (topic id " + segment.topicId() + ")"),
        run.toString());
    assertTrue(run.out().contains("  offsets 0-" + segment.endOffset() + ", "), run.toString());
    assertTrue(run.out().contains("table kafka.orders"), run.toString());
    assertTrue(run.out().contains("  1 _kafka: required struct\n"), run.toString());
    assertTrue(run.out().contains("    3 offset: required long\n"), run.toString());
    assertTrue(run.out().contains("batches: 17 (byte-identical=14 record-identical=1 raw=2)"), run.toString());
    assertTrue(run.out().contains("indexes: offset "), run.toString());
  }

  @Test
  void aManifestsLocationPrintsItToo() {
    String location = ManifestPaths.of("file://" + dir.resolve("warehouse") + "/_floe/manifests", segment);

    ToolWarehouse.Run run = manifest(location);

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().startsWith("manifest " + location + "\n"), run.toString());
  }

  @Test
  void everyBatchIsPrintedOnRequest() {
    ToolWarehouse.Run run = warehouse.run("manifest", "--config", warehouse.config().toString(), "--batches",
        segment.segmentId());

    assertEquals(0, run.exit(), run.toString());
    assertEquals(17, run.out().lines().filter(line -> line.startsWith("  position ")).count(), run.toString());
  }

  @Test
  void anUnknownSegmentIsRefusedNamingWhereItWasLookedFor() {
    ToolWarehouse.Run run = manifest("AAAAAAAAAAAAAAAAAAAAAA");

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("Cannot find segment AAAAAAAAAAAAAAAAAAAAAA: no manifest "
        + "AAAAAAAAAAAAAAAAAAAAAA.floe-manifest under file://" + dir.resolve("warehouse") + "/_floe/manifests"),
        run.toString());
  }

  private ToolWarehouse.Run manifest(String argument) {
    return warehouse.run("manifest", "--config", warehouse.config().toString(), argument);
  }
}
