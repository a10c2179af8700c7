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

  /** The type Kafka names {@code label}; a fetch asks once per row. */
  public static TimestampType fromLabel(String label) {
    return switch (label) {
      case "NoTimestampType" -> NO_TIMESTAMP_TYPE;
      case "CreateTime" -> CREATE_TIME;
      case "LogAppendTime" -> LOG_APPEND_TIME;
      default -> throw new IllegalArgumentException("Unknown timestamp type " + label);
    };
  }
}
