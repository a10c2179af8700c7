package io.floe.translator.format;

import java.util.Arrays;
import java.util.Objects;

/** One record header: a UTF-8 key and a value that may be null. */
public record RecordHeader(String key, byte[] value) {
  public RecordHeader {
    Objects.requireNonNull(key, "key");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecordHeader that
        && key.equals(that.key)
        && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return key + "=" + (value == null ? "null" : value.length + " bytes");
  }
}
