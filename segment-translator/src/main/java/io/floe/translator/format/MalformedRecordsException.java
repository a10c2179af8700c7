package io.floe.translator.format;

/**
 * The records inside a batch whose checksum is valid do not follow the v2 record format. This is
 * content, not corruption: the batch is kept raw rather than failing the segment.
 */
public final class MalformedRecordsException extends RuntimeException {
  public MalformedRecordsException(String message) {
    super(message);
  }

  public MalformedRecordsException(String message, Throwable cause) {
    super(message, cause);
  }
}
