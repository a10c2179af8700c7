package io.floe.translator.value;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import io.floe.translator.registry.SchemaType;

/**
 * How Floe reads a topic's values: as the registry's wire format says ({@code auto}), only as one
 * schema format, or not at all ({@code raw}).
 */
public enum ValueFormat {
  AUTO,
  AVRO,
  PROTOBUF,
  JSON,
  RAW;

  /** The name operators write in the configuration, e.g. {@code protobuf}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ValueFormat> fromLabel(String label) {
    return Arrays.stream(values()).filter(format -> format.label().equals(label.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /** Whether values of a schema of {@code type} are typed under this format. */
  public boolean accepts(SchemaType type) {
    return switch (this) {
      case AUTO -> true;
      case AVRO -> type == SchemaType.AVRO;
      case PROTOBUF -> type == SchemaType.PROTOBUF;
      case JSON -> type == SchemaType.JSON;
      case RAW -> false;
    };
  }
}
