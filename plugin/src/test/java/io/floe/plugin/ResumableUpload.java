package io.floe.plugin;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resumable upload session of the loopback Cloud Storage: the bytes persisted so far, taken in
 * chunks each a PUT with a {@code Content-Range}, until the chunk that states the total size.
 */
final class ResumableUpload {
  /**
   * A chunk's bytes and the object's size, a star where unknown ({@code bytes 0-262143/*}); the
   * bytes are a star too in a last request with none, or a query of what is persisted.
   */
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\*|(\\d+)-(\\d+))/(\\*|\\d+)");

  private final String bucket;
  private final String name;
  private final ByteArrayOutputStream persisted = new ByteArrayOutputStream();
  private GcsObject finished;

  ResumableUpload(String bucket, String name) {
    this.bucket = bucket;
    this.name = name;
  }

  String bucket() {
    return bucket;
  }

  String name() {
    return name;
  }

  /**
   * Takes one chunk; a chunk that starts before the end of what is persisted (the client resending
   * after a lost answer) adds only its new bytes.
   *
   * @return the bytes of the whole object once the chunk states the total size and all have come
   * @throws IllegalArgumentException for a Content-Range that is malformed or leaves a gap
   */
  synchronized Optional<byte[]> take(String contentRange, byte[] chunk) {
    Matcher range = CONTENT_RANGE.matcher(contentRange == null ? "" : contentRange);
    if (!range.matches()) {
      throw new IllegalArgumentException("Content-Range " + contentRange);
    }
    if (range.group(2) != null) {
      long first = Long.parseLong(range.group(2));
      long last = Long.parseLong(range.group(3));
      if (first > persisted.size() || last - first + 1 != chunk.length) {
        throw new IllegalArgumentException("Content-Range " + contentRange + " of " + chunk.length + " bytes after "
            + persisted.size() + " persisted");
      }
      int known = (int) (persisted.size() - first);
      persisted.write(chunk, known, chunk.length - known);
    }
    String total = range.group(4);
    return !total.equals("*") && Long.parseLong(total) == persisted.size()
        ? Optional.of(persisted.toByteArray()) : Optional.empty();
  }

  /** The {@code Range} header of a 308 answer: the bytes persisted, none if there are none. */
  synchronized Optional<String> persistedRange() {
    return persisted.size() == 0 ? Optional.empty() : Optional.of("bytes=0-" + (persisted.size() - 1));
  }

  synchronized Optional<GcsObject> finished() {
    return Optional.ofNullable(finished);
  }

  synchronized void finish(GcsObject object) {
    finished = object;
  }
}
