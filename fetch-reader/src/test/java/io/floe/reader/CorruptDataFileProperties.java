package io.floe.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.PropertyDirectory;
import io.floe.translator.value.PayloadDamage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever happens to a data file's bytes, a fetch serves the segment exactly or fails naming the
 * segment: never a wrong record, never another exception for the broker's reader thread to die of.
 */
class CorruptDataFileProperties {
  private static Path dir;
  private static TieredSegment tiered;
  private static Path dataFile;
  private static byte[] stored;
  private static int[] pageHeaderBytes;

  @BeforeContainer
  static void tier() throws IOException {
    dir = PropertyDirectory.create("floe-corrupt-data-file");
    tiered = TieredSegment.write(Segments.exactBytes(dir.resolve("segment")), dir);
    dataFile = Path.of(tiered.manifest().files().get(0).location());
    stored = Files.readAllBytes(dataFile);
    boolean[] pageHeader = PageHeaders.of(dataFile, stored);
    pageHeaderBytes = IntStream.range(0, stored.length).filter(at -> pageHeader[at]).toArray();
  }

  @AfterContainer
  static void delete() {
    PropertyDirectory.delete(dir);
  }

  @Property
  void aFetchServesTheSegmentExactlyOrFailsNamingTheSegment(@ForAll("damage") PayloadDamage damage) throws IOException {
    assertServedExactlyOrRefused(damage);
  }

  /**
   * The same, with the damage in a page header: no page checksum covers it, and a header read
   * otherwise can make sound pages decode to other values, which only the batches' content
   * checksums tell.
   */
  @Property
  void aDamagedPageHeaderIsServedExactlyOrRefused(@ForAll("pageHeaderDamage") PayloadDamage damage) throws IOException {
    assertServedExactlyOrRefused(damage);
  }

  private void assertServedExactlyOrRefused(PayloadDamage damage) throws IOException {
    Files.write(dataFile, damage.applyTo(stored));
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      byte[] served;
      try {
        served = Fetches.readAll(fetcher.fetch(tiered.segment(), 0, Integer.MAX_VALUE));
      } catch (FetchFailedException e) {
        assertTrue(e.getMessage().startsWith("Cannot fetch " + tiered.segment() + ": "), () -> damage + ": " + e.getMessage());
        return;
      }
      assertArrayEquals(tiered.original(), served, damage + " served other bytes than the segment's");
    } finally {
      Files.write(dataFile, stored);
    }
  }

  /**
   * Anywhere in the file: a page's checksum covers its data, and the batch's content checksum what
   * its rows say when a damaged page header makes sound pages say something else.
   */
  @Provide
  Arbitrary<PayloadDamage> damage() {
    return PayloadDamage.any();
  }

  @Provide
  Arbitrary<PayloadDamage> pageHeaderDamage() {
    return PayloadDamage.any()
        .filter(damage -> damage.kind() == PayloadDamage.Kind.FLIP || damage.kind() == PayloadDamage.Kind.INSERT)
        .map(damage -> new PayloadDamage(damage.kind(), pageHeaderBytes[Math.floorMod(damage.at(), pageHeaderBytes.length)],
            damage.with()));
  }
}
