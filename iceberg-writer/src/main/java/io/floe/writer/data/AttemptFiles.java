package io.floe.writer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** {@code <segmentId>-<attempt>-<ordinal>.parquet}, as {@link #dataFileName} makes it. */
  private static final Pattern DATA_FILE_NAME = Pattern.compile("(.+)-[0-9a-f]{8}-\\d{5,}\\.parquet");

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
    return segmentOf(location).filter(segmentId::equals).isPresent();
  }

  /** The segment whose upload wrote the data file at {@code location}, if an upload named it. */
  public static Optional<String> segmentOf(String location) {
    Matcher name = DATA_FILE_NAME.matcher(location.substring(location.lastIndexOf('/') + 1));
    return name.matches() ? Optional.of(name.group(1)) : Optional.empty();
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

  /**
   * Deletes what this attempt wrote, newest first, as far as possible: the caller is already
   * failing. The segment manifest, written last, goes first; once an object cannot be deleted, the
   * older ones stay, so that what is left is what an attempt that stopped earlier leaves: never a
   * manifest naming data files that are gone.
   */
  public void deleteAll() {
    for (int newest = locations.size() - 1; newest >= 0; newest--) {
      String location = locations.get(newest);
      try {
        io.deleteFile(location);
      } catch (NotFoundException e) {
        // Never written: nothing to take back.
      } catch (RuntimeException e) {
        LOG.warn("Cannot delete {} left by a failed upload, so the {} objects the upload wrote before it stay too: {}",
            location, newest, e.toString());
        break;
      }
    }
    locations.clear();
  }
}
