package io.floe.translator.format;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** What a record's timestamp means, as bit 3 of the batch attributes says (absent in magic v0). */
public enum TimestampType {
  NO_TIMESTAMP_TYPE("NoTimestampType"),
  CREATE_TIME("CreateTime"),
  LOG_APPEND_TIME("LogAppendTime");

  private static final Map<String, TimestampType> BY_LABEL =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(TimestampType::label, type -> type));

  private final String label;

  TimestampType(String label) {
    this.label = label;
  }

  /** Kafka's own name for it, as consumers print it: {@code CreateTime}, {@code LogAppendTime}. */
  public String label() {
    return label;
  }

  /** The type Kafka names {@code label}; a fetch asks once per row. */
  public static TimestampType fromLabel(String label) {
    TimestampType type = BY_LABEL.get(label);
    if (type == null) {
      throw new IllegalArgumentException("Unknown timestamp type " + label);
    }
    return type;
  }
}
