package io.floe.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.PropertyDirectory;
import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.value.PayloadDamage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever happens to a manifest's bytes, a fetch serves the segment exactly or fails with a
 * {@link FetchFailedException}: damage in storage is caught by the manifest's checksum and named
 * with the manifest's path; a manifest that is whole but wrong (as a faulty writer would leave it, checksum
 * and all) is caught by the checks of what it says against the data files, never by a broker
 * thread dying or memory running out.
 */
class CorruptManifestProperties {
  private static Path dir;
  private static TieredSegment tiered;
  private static byte[] stored;

  @BeforeContainer
  static void tier() throws IOException {
    dir = PropertyDirectory.create("floe-corrupt-manifest");
    tiered = TieredSegment.write(Segments.exactBytes(dir.resolve("segment")), dir);
    stored = Files.readAllBytes(Path.of(tiered.manifestPath()));
  }

  @AfterContainer
  static void delete() {
    PropertyDirectory.delete(dir);
  }

  @Property
  void aDamagedManifestIsRefusedNamingItsPath(@ForAll("damage") PayloadDamage damage) {
    byte[] damaged = damage.applyTo(stored);
    FetchOutcome outcome = fetchWith(damaged);

    if (outcome.failure() != null) {
      assertTrue(outcome.failure().getMessage().contains(" manifest at "),
          () -> damage + ": " + outcome.failure().getMessage());
    } else {
      assertArrayEquals(stored, damaged, damage + " was served from");
    }
  }

  @Property
  void aWholeButWrongManifestServesTheSegmentExactlyOrFailsTheFetch(@ForAll("damage") PayloadDamage damage) {
    FetchOutcome outcome = fetchWith(resealed(damage.applyTo(body())));

    if (outcome.failure() == null) {
      assertArrayEquals(tiered.original(), outcome.served(), damage + " served other bytes than the segment's");
    }
  }

  @Provide
  Arbitrary<PayloadDamage> damage() {
    return PayloadDamage.any();
  }

  /**
   * What a fetch of the whole segment and of its offset index did with {@code manifestBytes} in
   * place, each try in a prefix of its own: jqwik may still be shrinking an earlier property's
   * failure in the background.
   */
  private static FetchOutcome fetchWith(byte[] manifestBytes) {
    try {
      Path prefix = Files.createTempDirectory(dir, "manifests");
      Path manifest = Path.of(ManifestPaths.of(prefix.toString(), tiered.segment()));
      Files.createDirectories(manifest.getParent());
      Files.write(manifest, manifestBytes);
      try (SegmentFetcher fetcher = new SegmentFetcher(new NioFileIO(), prefix.toString(), 1 << 20, Fetches.PARKING)) {
        Fetches.readAll(fetcher.index(tiered.segment(), IndexKind.OFFSET));
        return new FetchOutcome(Fetches.readAll(fetcher.fetch(tiered.segment(), 0, Integer.MAX_VALUE)), null);
      } catch (FetchFailedException e) {
        return new FetchOutcome(null, e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest without its checksum. */
  private static byte[] body() {
    return Arrays.copyOf(stored, stored.length - 4);
  }

  /** {@code body} with the checksum of its bytes, as a writer would seal it. */
  private static byte[] resealed(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
  }

  private record FetchOutcome(byte[] served, FetchFailedException failure) {}
}
