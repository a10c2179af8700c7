package io.floe.translator.format;

import java.util.Arrays;
import java.util.List;

/**
 * One record of a v2 batch as it sits in the batch: its deltas against the batch header and its
 * bytes. Key and value are null when the record has none, which is not the same as empty.
 */
public record LogRecord(
    byte attributes,
    long timestampDelta,
    int offsetDelta,
    byte[] key,
    byte[] value,
    List<RecordHeader> headers) {

  public LogRecord {
    headers = List.copyOf(headers);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LogRecord that
        && attributes == that.attributes
        && timestampDelta == that.timestampDelta
        && offsetDelta == that.offsetDelta
        && Arrays.equals(key, that.key)
        && Arrays.equals(value, that.value)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    int result = Long.hashCode(timestampDelta) * 31 + offsetDelta;
    result = result * 31 + Arrays.hashCode(key);
    result = result * 31 + Arrays.hashCode(value);
    return result * 31 + headers.hashCode();
  }

  @Override
  public String toString() {
    return "LogRecord[offsetDelta=" + offsetDelta + ", timestampDelta=" + timestampDelta
        + ", key=" + (key == null ? "null" : key.length + " bytes")
        + ", value=" + (value == null ? "null" : value.length + " bytes")
        + ", headers=" + headers + "]";
  }
}
