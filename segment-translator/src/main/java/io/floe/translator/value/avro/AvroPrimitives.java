package io.floe.translator.value.avro;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.DateTimeUtil;
import org.apache.iceberg.util.UUIDUtil;

/**
 * The columns of Avro's primitives, enums and fixed, and of the logical types Iceberg has a type
 * for. A value is decoded to what Iceberg's Parquet files give back for it, so that re-encoding the
 * decoded value shows whether the stored value will re-encode exactly too.
 */
final class AvroPrimitives {
  /** Iceberg's decimals have at most 38 digits: a wider Avro decimal keeps its underlying type. */
  private static final int MAX_DECIMAL_PRECISION = 38;
  private static final int UUID_BYTES = 16;

  private AvroPrimitives() {}

  /** The column of a primitive, enum or fixed type; {@code null} and empty fixed have none. */
  static AvroColumn of(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    Optional<AvroColumn> logicalColumn = logical == null ? Optional.empty() : logical(schema, logical);
    return logicalColumn.orElseGet(() -> underlying(schema));
  }

  private static AvroColumn underlying(Schema schema) {
    return switch (schema.getType()) {
      case BOOLEAN -> column(Types.BooleanType.get(), AvroInput::readBoolean, (v, out) -> out.writeBoolean((Boolean) v));
      case INT -> column(Types.IntegerType.get(), AvroInput::readInt, (v, out) -> out.writeInt((Integer) v));
      case LONG -> column(Types.LongType.get(), AvroInput::readLong, (v, out) -> out.writeLong((Long) v));
      // Parquet stores every NaN as the canonical one: decode them so, and another NaN's bytes do
      // not re-encode, which keeps its value raw.
      case FLOAT -> column(Types.FloatType.get(), in -> canonicalNaN(in.readFloat()), (v, out) -> out.writeFloat((Float) v));
      case DOUBLE -> column(Types.DoubleType.get(), in -> canonicalNaN(in.readDouble()), (v, out) -> out.writeDouble((Double) v));
      case BYTES -> column(Types.BinaryType.get(), in -> ByteBuffer.wrap(in.readBytes()),
          (v, out) -> out.writeBytes(((ByteBuffer) v).duplicate()));
      case STRING -> column(Types.StringType.get(), AvroInput::readString, (v, out) -> out.writeString(v.toString()));
      case ENUM -> enumeration(schema.getEnumSymbols());
      case FIXED -> column(Types.FixedType.ofLength(schema.getFixedSize()), in -> in.readFixed(schema.getFixedSize()),
          (v, out) -> out.writeFixed(sized((byte[]) v, schema.getFixedSize())));
      default -> throw new IllegalArgumentException("Not a primitive, enum or fixed: " + schema);
    };
  }

  private static Optional<AvroColumn> logical(Schema schema, LogicalType logical) {
    return Optional.ofNullable(switch (logical.getName()) {
      case "decimal" -> decimal(schema, (LogicalTypes.Decimal) logical);
      case "date" -> column(Types.DateType.get(), in -> DateTimeUtil.dateFromDays(in.readInt()),
          (v, out) -> out.writeInt(DateTimeUtil.daysFromDate((LocalDate) v)));
      case "time-millis" -> column(Types.TimeType.get(), in -> DateTimeUtil.timeFromMicros(micros(in.readInt())),
          (v, out) -> out.writeInt((int) millis(DateTimeUtil.microsFromTime((LocalTime) v))));
      case "time-micros" -> column(Types.TimeType.get(), in -> DateTimeUtil.timeFromMicros(in.readLong()),
          (v, out) -> out.writeLong(DateTimeUtil.microsFromTime((LocalTime) v)));
      case "timestamp-millis" -> column(Types.TimestampType.withZone(),
          in -> DateTimeUtil.timestamptzFromMicros(micros(in.readLong())),
          (v, out) -> out.writeLong(millis(DateTimeUtil.microsFromTimestamptz((OffsetDateTime) v))));
      case "timestamp-micros" -> column(Types.TimestampType.withZone(),
          in -> DateTimeUtil.timestamptzFromMicros(in.readLong()),
          (v, out) -> out.writeLong(DateTimeUtil.microsFromTimestamptz((OffsetDateTime) v)));
      case "local-timestamp-millis" -> column(Types.TimestampType.withoutZone(),
          in -> DateTimeUtil.timestampFromMicros(micros(in.readLong())),
          (v, out) -> out.writeLong(millis(DateTimeUtil.microsFromTimestamp((LocalDateTime) v))));
      case "local-timestamp-micros" -> column(Types.TimestampType.withoutZone(),
          in -> DateTimeUtil.timestampFromMicros(in.readLong()),
          (v, out) -> out.writeLong(DateTimeUtil.microsFromTimestamp((LocalDateTime) v)));
      case "uuid" -> uuid(schema);
      default -> null;
    });
  }

  private static AvroColumn decimal(Schema schema, LogicalTypes.Decimal decimal) {
    int precision = decimal.getPrecision();
    int scale = decimal.getScale();
    if (precision > MAX_DECIMAL_PRECISION) {
      return null;
    }
    Type type = Types.DecimalType.of(precision, scale);
    if (schema.getType() == Schema.Type.FIXED) {
      int size = schema.getFixedSize();
      return column(type, in -> fitting(in.readFixed(size), precision, scale, in),
          (v, out) -> out.writeFixed(signExtended(unscaled((BigDecimal) v, scale), size)));
    }
    return column(type, in -> fitting(in.readBytes(), precision, scale, in),
        (v, out) -> out.writeBytes(unscaled((BigDecimal) v, scale)));
  }

  private static AvroColumn uuid(Schema schema) {
    if (schema.getType() == Schema.Type.STRING) {
      // Only the canonical lower-case form re-encodes, so another spelling keeps its value raw.
      return column(Types.UUIDType.get(), in -> UUID.fromString(in.readString()),
          (v, out) -> out.writeString(v.toString()));
    }
    return column(Types.UUIDType.get(), in -> UUIDUtil.convert(in.readFixed(UUID_BYTES)),
        (v, out) -> out.writeFixed(UUIDUtil.convert((UUID) v)));
  }

  private static AvroColumn enumeration(List<String> symbols) {
    Map<String, Integer> ordinals = new HashMap<>();
    for (int i = 0; i < symbols.size(); i++) {
      ordinals.put(symbols.get(i), i);
    }
    return column(Types.StringType.get(), in -> {
      int ordinal = in.readInt();
      if (ordinal < 0 || ordinal >= symbols.size()) {
        throw in.malformed("enum ordinal " + ordinal + " of " + symbols.size() + " symbols");
      }
      return symbols.get(ordinal);
    }, (v, out) -> {
      Integer ordinal = ordinals.get(v.toString());
      if (ordinal == null) {
        throw new IllegalArgumentException("Cannot encode enum symbol " + v + ": not one of " + symbols);
      }
      out.writeEnum(ordinal);
    });
  }

  private static BigDecimal fitting(byte[] twosComplement, int precision, int scale, AvroInput in) {
    if (twosComplement.length == 0) {
      throw in.malformed("a decimal without bytes");
    }
    BigDecimal value = new BigDecimal(new BigInteger(twosComplement), scale);
    // Iceberg's Parquet writer refuses a decimal wider than its column.
    if (value.precision() > precision) {
      throw in.malformed("decimal " + value + " has more than the " + precision + " digits of its type");
    }
    return value;
  }

  private static byte[] unscaled(BigDecimal value, int scale) {
    if (value.scale() != scale) {
      throw new IllegalArgumentException("Cannot encode decimal " + value + ": its scale is not " + scale);
    }
    return value.unscaledValue().toByteArray();
  }

  private static byte[] signExtended(byte[] twosComplement, int size) {
    if (twosComplement.length > size) {
      throw new IllegalArgumentException("Cannot encode a decimal of " + twosComplement.length + " bytes as fixed(" + size + ")");
    }
    byte[] fixed = new byte[size];
    Arrays.fill(fixed, 0, size - twosComplement.length, twosComplement[0] < 0 ? (byte) -1 : 0);
    System.arraycopy(twosComplement, 0, fixed, size - twosComplement.length, twosComplement.length);
    return fixed;
  }

  private static byte[] sized(byte[] fixed, int size) {
    if (fixed.length != size) {
      throw new IllegalArgumentException("Cannot encode " + fixed.length + " bytes as fixed(" + size + ")");
    }
    return fixed;
  }

  /** Milliseconds as Iceberg's microseconds; a value too large for them does not fit the column. */
  private static long micros(long millis) {
    return Math.multiplyExact(millis, DateTimeUtil.MICROS_PER_MILLIS);
  }

  private static long millis(long micros) {
    return Math.floorDiv(micros, DateTimeUtil.MICROS_PER_MILLIS);
  }

  private static float canonicalNaN(float value) {
    return Float.isNaN(value) ? Float.NaN : value;
  }

  private static double canonicalNaN(double value) {
    return Double.isNaN(value) ? Double.NaN : value;
  }

  private static AvroColumn column(Type type, PrimitiveColumn.Reader reader, PrimitiveColumn.Writer writer) {
    return new PrimitiveColumn(type, reader, writer);
  }
}
