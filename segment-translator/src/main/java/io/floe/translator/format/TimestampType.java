package io.floe.translator.format;

/** What a record's timestamp means, as bit 3 of the batch attributes says (absent in magic v0). */
public enum TimestampType {
  NO_TIMESTAMP_TYPE("NoTimestampType"),
  CREATE_TIME("CreateTime"),
  LOG_APPEND_TIME("LogAppendTime");

  private final String label;

  TimestampType(String label) {
    this.label = label;
  }

  /** Kafka's own name for it, as consumers print it: {@code CreateTime}, {@code LogAppendTime}. */
  public String label() {
    return label;
  }

  public static TimestampType fromLabel(String label) {
    for (TimestampType type : values()) {
      if (type.label.equals(label)) {
        return type;
      }
    }
    throw new IllegalArgumentException("Unknown timestamp type " + label);
  }
}
