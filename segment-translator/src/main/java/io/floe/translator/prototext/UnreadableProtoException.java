package io.floe.translator.prototext;

/** A {@code .proto} file that does not parse, or names a type that neither it nor its imports define. */
public final class UnreadableProtoException extends Exception {
  UnreadableProtoException(String message) {
    super(message);
  }
}
