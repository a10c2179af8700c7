package io.floe.translator.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A classic segment's manifest says its kind, and is never taken for an Iceberg segment's. */
class ClassicManifestCodecTest {
  private static final SegmentRef SEGMENT = new SegmentRef("logs", "mN3i4d2pQ-6VXqWq8JkRvw", 2, "seg-1", 100, 199);

  @Test
  void aClassicManifestDecodesToWhatWasEncoded() {
    ClassicManifest manifest = new ClassicManifest(SEGMENT, 1_048_576, true);

    assertEquals(manifest, ManifestCodec.decodeStored(ManifestCodec.encode(manifest)));
  }

  @Test
  void aClassicManifestIsNotReadAsAnIcebergSegment() {
    byte[] bytes = ManifestCodec.encode(new ClassicManifest(SEGMENT, 10, false));

    CorruptManifestException error = assertThrows(CorruptManifestException.class, () -> ManifestCodec.decode(bytes));
    assertTrue(error.getMessage().contains("classic"), error.getMessage());
  }

  @Test
  void aDamagedClassicManifestIsRefused() {
    byte[] bytes = ManifestCodec.encode(new ClassicManifest(SEGMENT, 10, false));
    bytes[12] ^= 0x01;

    assertThrows(CorruptManifestException.class, () -> ManifestCodec.decodeStored(bytes));
  }

  @Test
  void theObjectsOfAClassicSegmentLieBesideItsManifest() {
    assertEquals("s3://b/m/logs-mN3i4d2pQ-6VXqWq8JkRvw/2/seg-1.log", ClassicObject.SEGMENT.location("s3://b/m/", SEGMENT));
    assertEquals("s3://b/m/logs-mN3i4d2pQ-6VXqWq8JkRvw/2/seg-1.txnindex",
        ClassicObject.TRANSACTION_INDEX.location("s3://b/m", SEGMENT));
  }
}
