package io.floe.translator.format;

/**
 * A batch whose bytes fail their own checksum or framing: the segment file is damaged. Unlike
 * {@link MalformedRecordsException}, nothing can be served back exactly from it.
 */
public final class CorruptBatchException extends RuntimeException {
  private final String field;

  public CorruptBatchException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The batch field found wrong, for example {@code crc}. */
  public String field() {
    return field;
  }
}
