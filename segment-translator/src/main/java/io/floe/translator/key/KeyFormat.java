package io.floe.translator.key;

import io.floe.translator.value.ValueFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How Floe reads a topic's keys for analysts: as the registry's wire format says and otherwise as
 * UTF-8 text ({@code auto}), only as one schema format, only as text, or not at all ({@code raw}).
 * The key's bytes are kept in {@code _kafka.key} whatever the format: typing a key only adds columns.
 */
public enum KeyFormat {
  AUTO,
  AVRO,
  PROTOBUF,
  JSON,
  TEXT,
  RAW;

  /** The name operators write in the configuration, e.g. {@code text}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<KeyFormat> fromLabel(String label) {
    return Arrays.stream(values()).filter(format -> format.label().equals(label.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /** Which registry-framed keys get columns: the values' rule for the same schema format. */
  public ValueFormat schemaFormat() {
    return switch (this) {
      case AUTO -> ValueFormat.AUTO;
      case AVRO -> ValueFormat.AVRO;
      case PROTOBUF -> ValueFormat.PROTOBUF;
      case JSON -> ValueFormat.JSON;
      case TEXT, RAW -> ValueFormat.RAW;
    };
  }

  /** Whether a key without registry framing is read as UTF-8 text. */
  public boolean readsText() {
    return this == AUTO || this == TEXT;
  }
}
