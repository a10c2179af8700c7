package io.floe.writer.data;

/** A data file that could not be written (or read back for its footer); names its location. */
public final class DataFileException extends RuntimeException {
  private final String location;

  DataFileException(String location, Throwable cause) {
    super("Cannot write data file " + location + ": " + cause.getMessage(), cause);
    this.location = location;
  }

  public String location() {
    return location;
  }
}
