package io.floe.writer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects one upload attempt writes, recorded before each is written, so that an attempt that
 * fails before its commit takes back everything it left, partial files included. Data file names
 * start with the segment id and carry an attempt id: a retry never writes over its predecessor's
 * files, which a commit of unknown outcome may still reference.
 */
public final class AttemptFiles {
  private static final Logger LOG = LoggerFactory.getLogger(AttemptFiles.class);

  private final FileIO io;
  private final String namePrefix;
  private final List<String> locations = new ArrayList<>();

  public AttemptFiles(FileIO io, String segmentId) {
    this.io = io;
    this.namePrefix = segmentId + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }

  /**
   * Whether the file at {@code location} was written by an upload of the segment: its name starts
   * with the segment id. Only such a file is the segment's alone; a file its Kafka view was
   * re-pointed at may serve other segments too.
   */
  public static boolean writtenFor(String segmentId, String location) {
    return location.substring(location.lastIndexOf('/') + 1).startsWith(segmentId + "-");
  }

  /** The name of this attempt's data file number {@code ordinal}: {@code <segmentId>-<attempt>-00000.parquet}. */
  String dataFileName(int ordinal) {
    return String.format("%s%05d.parquet", namePrefix, ordinal);
  }

  /** The start of every file name of this attempt: {@code <segmentId>-<attempt>-}. */
  public String namePrefix() {
    return namePrefix;
  }

  /** Records that this attempt is about to write {@code location}. */
  public void writing(String location) {
    locations.add(location);
  }

  /** Deletes what this attempt wrote, as far as possible: the caller is already failing. */
  public void deleteAll() {
    for (String location : locations) {
      try {
        io.deleteFile(location);
      } catch (NotFoundException e) {
        // Never written: nothing to take back.
      } catch (RuntimeException e) {
        LOG.warn("Cannot delete {} left by a failed upload: {}", location, e.toString());
      }
    }
    locations.clear();
  }
}
