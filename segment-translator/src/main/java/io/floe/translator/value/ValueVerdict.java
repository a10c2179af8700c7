package io.floe.translator.value;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.iceberg.data.Record;

/**
 * What becomes of one value in the table: the schema id and message indexes its framing carries,
 * its columns when it decodes, and why its bytes are kept raw when they are. A value with columns
 * and no raw reason is typed: its bytes are rebuilt from its columns.
 */
public record ValueVerdict(
    OptionalInt schemaId, List<Integer> messageIndexes, Optional<Record> columns, Optional<ValueRawReason> rawReason) {

  /** No value: a tombstone, or a row of a batch kept whole. */
  public static final ValueVerdict NONE = new ValueVerdict(OptionalInt.empty(), List.of(), Optional.empty(), Optional.empty());

  public ValueVerdict {
    messageIndexes = List.copyOf(messageIndexes);
  }

  public static ValueVerdict raw(ValueRawReason reason) {
    return new ValueVerdict(OptionalInt.empty(), List.of(), Optional.empty(), Optional.of(reason));
  }

  public static ValueVerdict raw(int schemaId, List<Integer> messageIndexes, ValueRawReason reason) {
    return new ValueVerdict(OptionalInt.of(schemaId), messageIndexes, Optional.empty(), Optional.of(reason));
  }

  /** The writer schema whose columns the value fills, if it fills any. */
  public Optional<WriterSchema.Key> writer() {
    return columns.isPresent() ? Optional.of(new WriterSchema.Key(schemaId.getAsInt(), messageIndexes)) : Optional.empty();
  }

  /** Whether the value's bytes go to {@code _kafka.value_raw}. */
  public boolean keepsBytes() {
    return rawReason.isPresent();
  }
}
