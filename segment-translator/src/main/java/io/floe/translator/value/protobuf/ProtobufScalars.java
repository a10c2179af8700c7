package io.floe.translator.value.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.floe.translator.value.MalformedValueException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The columns of Protobuf's scalar types. Unsigned 32-bit kinds widen to {@code long} and unsigned
 * 64-bit kinds to {@code decimal(20, 0)}, so that no value reads as negative; enums are their
 * value's name.
 */
final class ProtobufScalars {
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  private ProtobufScalars() {}

  static ScalarColumn of(FieldDescriptor field) {
    return switch (field.getType()) {
      case INT32, SINT32, SFIXED32 -> same(Types.IntegerType.get());
      case INT64, SINT64, SFIXED64 -> same(Types.LongType.get());
      case UINT32, FIXED32 -> new ScalarColumn(Types.LongType.get(),
          value -> Integer.toUnsignedLong((Integer) value), value -> (int) (long) (Long) value);
      case UINT64, FIXED64 -> new ScalarColumn(Types.DecimalType.of(20, 0),
          value -> new BigDecimal(new BigInteger(Long.toUnsignedString((Long) value))), ProtobufScalars::unsignedLong);
      // Parquet stores every NaN as the canonical one; decoding does the same, so that a payload
      // with another NaN fails the byte comparison before it is stored.
      case FLOAT -> new ScalarColumn(Types.FloatType.get(),
          value -> Float.isNaN((Float) value) ? Float.NaN : value, Function.identity());
      case DOUBLE -> new ScalarColumn(Types.DoubleType.get(),
          value -> Double.isNaN((Double) value) ? Double.NaN : value, Function.identity());
      case BOOL -> same(Types.BooleanType.get());
      case STRING -> same(Types.StringType.get());
      case BYTES -> new ScalarColumn(Types.BinaryType.get(),
          value -> ByteBuffer.wrap(((ByteString) value).toByteArray()), value -> ByteString.copyFrom(((ByteBuffer) value).duplicate()));
      case ENUM -> enumColumn(field.getEnumType());
      case MESSAGE, GROUP -> throw new IllegalArgumentException("Field " + field.getFullName() + " is a message, not a scalar");
    };
  }

  private static ScalarColumn same(Type type) {
    return new ScalarColumn(type, Function.identity(), Function.identity());
  }

  /** A number the enum does not name (an open enum's unknown value) has no name to store: the value stays raw. */
  private static ScalarColumn enumColumn(EnumDescriptor type) {
    return new ScalarColumn(Types.StringType.get(), value -> {
      EnumValueDescriptor symbol = (EnumValueDescriptor) value;
      if (type.findValueByNumber(symbol.getNumber()) == null) {
        throw new MalformedValueException("number " + symbol.getNumber() + " is no value of enum " + type.getFullName());
      }
      return symbol.getName();
    }, name -> {
      EnumValueDescriptor symbol = type.findValueByName((String) name);
      if (symbol == null) {
        throw new IllegalArgumentException("Cannot encode " + name + ": no value of enum " + type.getFullName());
      }
      return symbol;
    });
  }

  private static Long unsignedLong(Object value) {
    BigInteger number = ((BigDecimal) value).toBigIntegerExact();
    if (number.signum() < 0 || number.compareTo(TWO_TO_64) >= 0) {
      throw new IllegalArgumentException("Cannot encode " + number + " as an unsigned 64-bit integer");
    }
    return number.longValue();
  }
}
