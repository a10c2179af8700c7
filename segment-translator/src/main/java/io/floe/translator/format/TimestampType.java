package io.floe.translator.format;

/** What a record's timestamp means, as bit 3 of the batch attributes says (absent in magic v0). */
public enum TimestampType {
  NO_TIMESTAMP_TYPE,
  CREATE_TIME,
  LOG_APPEND_TIME
}
