package io.floe.writer.repoint;

import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.deletes.TableRowScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/**
 * Where each offset of a range of a segment's is among the live rows of {@code main} in files a
 * compaction put in: by offset, in arrays as long as the range (12 bytes an offset), since a
 * segment's offsets are dense (Kafka tiers no compacted topic) and a map of objects would take ten
 * times that. {@link SegmentRelocation} takes a segment a bounded range at a time.
 */
final class CompactedRows {
  private static final int NONE = -1;

  private final long first;
  private final int[] files;
  private final long[] positions;
  private final List<DataFile> compacted;
  private final OptionalLong twice;

  private CompactedRows(long first, int[] files, long[] positions, List<DataFile> compacted, OptionalLong twice) {
    this.first = first;
    this.files = files;
    this.positions = positions;
    this.compacted = compacted;
    this.twice = twice;
  }

  /** A row of a compacted file: the file, and the row's position in it. */
  record Row(DataFile file, long position) {}

  /**
   * Reads the live rows of the segment's partition with offsets in [from, to] in {@code main}'s
   * snapshot that lie in {@code compacted} files (their deletes applied, only {@code _kafka} fields
   * decoded).
   *
   * @throws IllegalStateException if the range spans more offsets than an array holds
   */
  static CompactedRows of(Table table, long mainSnapshot, SegmentRef segment, long from, long to,
      Map<String, DataFile> compacted) {
    long span = to - from + 1;
    if (span > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("Cannot re-point offsets " + from + "-" + to + " of " + segment + ": they span "
          + span + " offsets");
    }
    int[] files = new int[(int) span];
    long[] positions = new long[(int) span];
    Arrays.fill(files, NONE);
    List<DataFile> found = new ArrayList<>();
    Map<String, Integer> indexes = new HashMap<>();
    AtomicLong twice = new AtomicLong(NONE);
    TableRowScan.forEach(table, mainSnapshot, segment.partition(), from, to, row -> {
      DataFile file = compacted.get(row.file().location());
      if (file == null) {
        return;
      }
      int slot = (int) (row.offset() - from);
      if (files[slot] != NONE) {
        twice.compareAndSet(NONE, row.offset());
      }
      files[slot] = indexes.computeIfAbsent(file.location(), location -> {
        found.add(file);
        return found.size() - 1;
      });
      positions[slot] = row.position();
    });
    return new CompactedRows(from, files, positions, found,
        twice.get() == NONE ? OptionalLong.empty() : OptionalLong.of(twice.get()));
  }

  /** An offset found in two places, if one was: then no row of the segment can be placed for sure. */
  OptionalLong foundTwice() {
    return twice;
  }

  /** Where the row of {@code offset} is, if a compacted file holds it. */
  Optional<Row> at(long offset) {
    long slot = offset - first;
    if (slot < 0 || slot >= files.length || files[(int) slot] == NONE) {
      return Optional.empty();
    }
    return Optional.of(new Row(compacted.get(files[(int) slot]), positions[(int) slot]));
  }
}
