package io.floe.writer.deletes;

/** A delete file cannot be written; the message names the table and the file. */
public final class DeleteFileException extends RuntimeException {
  DeleteFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
