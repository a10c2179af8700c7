package io.floe.translator.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ManifestPathsTest {
  @Test
  void theManifestPathFollowsOnlyFromTheSegmentsIdentity() {
    SegmentRef segment = new SegmentRef("orders", "mN3i4d2pQ-6VXqWq8JkRvw", 3, "7b0d2f6e-segment", 100, 199);

    assertEquals("s3://bucket/floe/orders-mN3i4d2pQ-6VXqWq8JkRvw/3/7b0d2f6e-segment.floe-manifest",
        ManifestPaths.of("s3://bucket/floe", segment));
    assertEquals(ManifestPaths.of("s3://bucket/floe/", segment), ManifestPaths.of("s3://bucket/floe", segment));
  }
}
