package io.floe.translator.value.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.floe.translator.value.MalformedValueException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.iceberg.types.Types;

/**
 * A {@code google.protobuf.Timestamp} as a {@code timestamptz} column. Iceberg keeps microseconds:
 * decoding truncates to them, as the Parquet file would, so a timestamp with nanoseconds below a
 * microsecond fails the byte comparison and stays raw.
 */
final class TimestampColumn implements ProtobufColumn {
  private final Descriptor timestamp;
  private final FieldDescriptor seconds;
  private final FieldDescriptor nanos;

  TimestampColumn(Descriptor timestamp) {
    this.timestamp = timestamp;
    this.seconds = timestamp.findFieldByName("seconds");
    this.nanos = timestamp.findFieldByName("nanos");
  }

  @Override
  public Types.TimestampType type() {
    return Types.TimestampType.withZone();
  }

  @Override
  public OffsetDateTime read(Object field) {
    Message value = (Message) field;
    long epochSeconds = (Long) value.getField(seconds);
    // Iceberg stores microseconds in a long: a timestamp beyond it has no column value.
    try {
      Math.multiplyExact(epochSeconds, 1_000_000L);
    } catch (ArithmeticException e) {
      throw new MalformedValueException("timestamp " + epochSeconds + "s does not fit Iceberg's microseconds");
    }
    Instant instant = Instant.ofEpochSecond(epochSeconds, (Integer) value.getField(nanos));
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  @Override
  public DynamicMessage write(Object column) {
    Instant instant = ((OffsetDateTime) column).toInstant();
    return DynamicMessage.newBuilder(timestamp)
        .setField(seconds, instant.getEpochSecond())
        .setField(nanos, instant.getNano())
        .build();
  }
}
