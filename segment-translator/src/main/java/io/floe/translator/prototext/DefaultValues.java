package io.floe.translator.prototext;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * A proto2 field's {@code [default = …]} as protoc writes it into {@code default_value}: integers
 * in decimal, floating point numbers as C's shortest {@code %g} that reads back the same, bytes
 * C-escaped, strings, booleans and enum names as written.
 */
final class DefaultValues {
  private DefaultValues() {}

  /**
   * {@code text} is Wire's reading of the default: quotes and escapes undone, numbers as written.
   *
   * @throws NumberFormatException when a number default is not a number
   */
  static String of(Type type, String text) {
    return switch (type) {
      case TYPE_INT32, TYPE_INT64, TYPE_UINT32, TYPE_UINT64, TYPE_SINT32, TYPE_SINT64, TYPE_FIXED32, TYPE_FIXED64,
          TYPE_SFIXED32, TYPE_SFIXED64 -> integer(text);
      case TYPE_FLOAT, TYPE_DOUBLE -> floatingPoint(text);
      case TYPE_BYTES -> cEscape(bytes(text));
      default -> text;
    };
  }

  /** protoc reads decimal, {@code 0x} hexadecimal and {@code 0} octal integers. */
  private static String integer(String text) {
    boolean negative = text.startsWith("-");
    String digits = negative ? text.substring(1) : text;
    BigInteger value;
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      value = new BigInteger(digits.substring(2), 16);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      value = new BigInteger(digits.substring(1), 8);
    } else {
      value = new BigInteger(digits);
    }
    return (negative ? value.negate() : value).toString();
  }

  private static String floatingPoint(String text) {
    boolean negative = text.startsWith("-");
    String number = negative ? text.substring(1) : text;
    String sign = negative ? "-" : "";
    if (number.equals("inf") || number.equals("nan")) {
      return sign + number;
    }
    // An integer literal (protoc reads hexadecimal and octal ones too) is read as one, then made a double.
    double value = number.matches("0[xX]\\p{XDigit}+|[0-9]+")
        ? new BigDecimal(new BigInteger(integer(number))).doubleValue()
        : Double.parseDouble(number);
    return sign + shortestG(value);
  }

  /** protoc's SimpleDtoa: {@code %.15g}, or {@code %.17g} when that does not read back as the same double. */
  private static String shortestG(double value) {
    if (Double.isInfinite(value)) {
      return "inf";
    }
    String fifteen = cG(value, 15);
    return Double.parseDouble(fifteen) == value ? fifteen : cG(value, 17);
  }

  /** C's {@code %.<precision>g} of a non-negative finite double. */
  private static String cG(double value, int precision) {
    if (value == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= precision) {
      String digits = rounded.unscaledValue().toString().replaceFirst("0+$", "");
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  /**
   * Wire undoes the escapes of a bytes default into characters: {@code \377} becomes U+00FF, so a
   * character up to U+00FF is one byte; others are the UTF-8 the file had.
   */
  private static byte[] bytes(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    text.codePoints().forEach(c -> {
      if (c <= 0xff) {
        bytes.write(c);
      } else {
        bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
      }
    });
    return bytes.toByteArray();
  }

  /** protoc's CEscape: the named escapes, printable ASCII as is, every other byte in octal. */
  private static String cEscape(byte[] bytes) {
    StringBuilder escaped = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      switch (c) {
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        case '"' -> escaped.append("\\\"");
        case '\'' -> escaped.append("\\'");
        case '\\' -> escaped.append("\\\\");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            escaped.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + (c >> 3 & 7))).append((char) ('0' + (c & 7)));
          } else {
            escaped.append((char) c);
          }
        }
      }
    }
    return escaped.toString();
  }
}
