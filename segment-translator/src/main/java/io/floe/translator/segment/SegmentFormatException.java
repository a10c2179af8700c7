package io.floe.translator.segment;

import java.nio.file.Path;

/** A segment file that cannot be read as Kafka batches: truncated or corrupt at one batch. */
public final class SegmentFormatException extends RuntimeException {
  private final Path file;
  private final long position;
  private final long offset;
  private final String field;
  private final String problem;

  public SegmentFormatException(Path file, long position, long offset, String field, String problem) {
    super(String.format("Cannot read segment %s: batch at position %d (offset %d) %s", file, position, offset, problem));
    this.file = file;
    this.position = position;
    this.offset = offset;
    this.field = field;
    this.problem = problem;
  }

  public Path file() {
    return file;
  }

  /** Byte position of the damaged batch in the file. */
  public long position() {
    return position;
  }

  /** The offset field of the damaged batch (its base offset for magic v2). */
  public long offset() {
    return offset;
  }

  /** The part of the batch found wrong: {@code size} when it is truncated, {@code crc} when corrupt. */
  public String field() {
    return field;
  }

  /** What is wrong with the batch, without the file and position: {@code is truncated: …}. */
  public String problem() {
    return problem;
  }
}
