package io.floe.translator.manifest;

/** Bytes that are not a segment manifest this version of Floe can read. */
public final class CorruptManifestException extends RuntimeException {
  public CorruptManifestException(String message) {
    super(message);
  }

  public CorruptManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
