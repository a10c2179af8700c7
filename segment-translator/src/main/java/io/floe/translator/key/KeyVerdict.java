package io.floe.translator.key;

import io.floe.translator.value.WriterSchema;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.iceberg.data.Record;

/**
 * What a key gives analysts: the schema id its registry framing carries, its columns when they
 * re-encode to exactly its bytes (with the writer schema they were decoded with), or its text when
 * it is UTF-8 without framing. The key's bytes are kept apart, always, so nothing here is needed to
 * serve it.
 */
public record KeyVerdict(OptionalInt schemaId, Optional<WriterSchema.Key> writer, Optional<Record> columns,
    Optional<String> text) {

  /** A record without key, or a key that gives analysts nothing beyond its bytes. */
  public static final KeyVerdict NONE = new KeyVerdict(OptionalInt.empty(), Optional.empty(), Optional.empty(),
      Optional.empty());

  public KeyVerdict {
    if (columns.isPresent() != writer.isPresent()) {
      throw new IllegalArgumentException("Cannot make a key verdict: columns need their writer schema, and only they");
    }
  }

  /** A framed key of schema {@code schemaId} whose columns are not kept. */
  public static KeyVerdict untyped(int schemaId) {
    return new KeyVerdict(OptionalInt.of(schemaId), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A framed key whose columns give back its bytes. */
  public static KeyVerdict typed(WriterSchema.Key writer, Record columns) {
    return new KeyVerdict(OptionalInt.of(writer.schemaId()), Optional.of(writer), Optional.of(columns),
        Optional.empty());
  }

  /** A key without framing that is UTF-8 text. */
  public static KeyVerdict text(String text) {
    return new KeyVerdict(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.of(text));
  }
}
