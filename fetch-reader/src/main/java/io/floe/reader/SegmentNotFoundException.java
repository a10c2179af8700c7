package io.floe.reader;

/** No manifest at the path of the requested segment: it was never uploaded, or was deleted. */
public final class SegmentNotFoundException extends RuntimeException {
  public SegmentNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
