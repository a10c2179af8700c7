package io.floe.translator.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestPathsTest {
  @Test
  void theManifestPathFollowsOnlyFromTheSegmentsIdentity() {
    SegmentRef segment = new SegmentRef("orders", "mN3i4d2pQ-6VXqWq8JkRvw", 3, "7b0d2f6e-segment", 100, 199);

    assertEquals("s3://bucket/floe/orders-mN3i4d2pQ-6VXqWq8JkRvw/3/7b0d2f6e-segment.floe-manifest",
        ManifestPaths.of("s3://bucket/floe", segment));
    assertEquals(ManifestPaths.of("s3://bucket/floe/", segment), ManifestPaths.of("s3://bucket/floe", segment));
  }

  @Test
  void aManifestPathGivesBackItsSegmentsIdentityEvenWhenTheTopicHasDashes() {
    String location = ManifestPaths.of("s3://bucket/floe", "orders-eu-1", "mN3i4d2pQ-6VXqWq8JkRvw", 3, "seg-1");

    assertEquals(Optional.of(new SegmentRef("orders-eu-1", "mN3i4d2pQ-6VXqWq8JkRvw", 3, "seg-1", -1, -1)),
        ManifestPaths.parse("s3://bucket/floe/", location));
  }

  @Test
  void anotherFileUnderThePrefixIsNoManifest() {
    assertEquals(Optional.empty(), ManifestPaths.parse("s3://bucket/floe", "s3://bucket/floe/orders-x/3/a.floe-manifest"));
    assertEquals(Optional.empty(), ManifestPaths.parse("s3://bucket/floe", "s3://bucket/other/a.floe-manifest"));
  }
}
