package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.translator.value.MalformedValueException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The columns of JSON's scalar types and string formats. Each writes its value the one way Jackson
 * writes the Java value it becomes, in the style of the value's {@link TextShape}, so a value
 * written any other way does not re-encode to its bytes.
 */
enum ScalarColumn implements JsonColumn {
  STRING(Types.StringType.get()) {
    @Override
    public String read(JsonNode value, ShapeRecorder shape) {
      return WellFormedText.require(text(value));
    }

    @Override
    public void write(Object value, ShapedGenerator out) throws IOException {
      out.writeString(value.toString());
    }
  },
  LONG(Types.LongType.get()) {
    @Override
    public Long read(JsonNode value, ShapeRecorder shape) {
      if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
        throw notA("64-bit integer", value);
      }
      return value.longValue();
    }

    @Override
    public void write(Object value, ShapedGenerator out) throws IOException {
      out.writeNumber((Long) value);
    }
  },
  INT(Types.IntegerType.get()) {
    @Override
    public Integer read(JsonNode value, ShapeRecorder shape) {
      if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
        throw notA("32-bit integer", value);
      }
      return value.intValue();
    }

    @Override
    public void write(Object value, ShapedGenerator out) throws IOException {
      out.writeNumber((Integer) value);
    }
  },
  DOUBLE(Types.DoubleType.get()) {
    @Override
    public Double read(JsonNode value, ShapeRecorder shape) {
      if (!value.isNumber()) {
        throw notA("number", value);
      }
      double number = value.doubleValue();
      int ordinal = shape.number();
      // A producer's int or long in a number property: written without a fraction.
      if (value.isIntegralNumber() && Double.isFinite(number)) {
        shape.integral(ordinal);
      }
      return number;
    }

    @Override
    public void write(Object value, ShapedGenerator out) throws IOException {
      if (out.nextNumberIsIntegral()) {
        out.writeNumber(NumberForm.whole((Double) value));
      } else {
        out.writeNumber((Double) value);
      }
    }
  },
  FLOAT(Types.FloatType.get()) {
    @Override
    public Float read(JsonNode value, ShapeRecorder shape) {
      if (!value.isNumber()) {
        throw notA("number", value);
      }
      return value.floatValue();
    }

    @Override
    public void write(Object value, ShapedGenerator out) throws IOException {
      out.writeNumber((Float) value);
    }
  },
  BOOLEAN(Types.BooleanType.get()) {
    @Override
    public Boolean read(JsonNode value, ShapeRecorder shape) {
      if (!value.isBoolean()) {
        throw notA("boolean", value);
      }
      return value.booleanValue();
    }

    @Override
    public void write(Object value, ShapedGenerator out) throws IOException {
      out.writeBoolean((Boolean) value);
    }
  },
  DATE(Types.DateType.get()) {
    @Override
    public LocalDate read(JsonNode value, ShapeRecorder shape) {
      return parse("date", value, text -> {
        LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        // An Iceberg date is an int of days.
        Math.toIntExact(date.toEpochDay());
        return date;
      });
    }

    @Override
    public void write(Object value, ShapedGenerator out) throws IOException {
      out.writeString(value.toString());
    }
  },
  /** Written as {@link java.time.Instant#toString}: UTC, {@code Z}, fractions in groups of three digits. */
  TIMESTAMPTZ(Types.TimestampType.withZone()) {
    @Override
    public OffsetDateTime read(JsonNode value, ShapeRecorder shape) {
      return parse("date-time", value, text -> {
        OffsetDateTime instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .withOffsetSameInstant(ZoneOffset.UTC);
        // What a Parquet file gives back: microseconds, within a long of them.
        ChronoUnit.MICROS.between(EPOCH, instant);
        return instant.truncatedTo(ChronoUnit.MICROS);
      });
    }

    @Override
    public void write(Object value, ShapedGenerator out) throws IOException {
      out.writeString(((OffsetDateTime) value).toInstant().toString());
    }
  },
  UUID(Types.UUIDType.get()) {
    @Override
    public java.util.UUID read(JsonNode value, ShapeRecorder shape) {
      return parse("uuid", value, java.util.UUID::fromString);
    }

    @Override
    public void write(Object value, ShapedGenerator out) throws IOException {
      out.writeString(value.toString());
    }
  },
  /** Kafka Connect's {@code bytes}: base64 text, as Jackson writes a {@code byte[]}. */
  BINARY(Types.BinaryType.get()) {
    @Override
    public ByteBuffer read(JsonNode value, ShapeRecorder shape) {
      text(value);
      try {
        return ByteBuffer.wrap(value.binaryValue());
      } catch (IOException e) {
        throw new MalformedValueException("not base64: " + e.getMessage(), e);
      }
    }

    @Override
    public void write(Object value, ShapedGenerator out) throws IOException {
      ByteBuffer bytes = ((ByteBuffer) value).duplicate();
      byte[] array = new byte[bytes.remaining()];
      bytes.get(array);
      out.writeBinary(array);
    }
  };

  private static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final Type type;

  ScalarColumn(Type type) {
    this.type = type;
  }

  @Override
  public Type type() {
    return type;
  }

  private static String text(JsonNode value) {
    if (!value.isTextual()) {
      throw notA("string", value);
    }
    return value.textValue();
  }

  private static <T> T parse(String format, JsonNode value, Function<String, T> parser) {
    String text = text(value);
    try {
      return parser.apply(text);
    } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
      throw new MalformedValueException("not a " + format + ": " + e.getMessage(), e);
    }
  }

  private static MalformedValueException notA(String what, JsonNode value) {
    return new MalformedValueException("expected a " + what + ", found " + value.getNodeType().name().toLowerCase());
  }
}
