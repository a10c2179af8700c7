package io.floe.translator.value.json;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How a JSON writer writes a floating-point number. Python and JavaScript both write the shortest
 * digits that read back as the same double, and differ in where they switch to an exponent and how
 * they write it.
 */
enum NumberForm {
  /** Java's shortest digits, as {@code Double.toString} from JDK 19 and Jackson write a {@code double}. Written by Jackson itself, not by {@link #format}. */
  JAVA,
  /** Python's {@code repr}: {@code 1.0}, {@code 0.0001}, {@code 1e-05}, {@code 1e+16}, {@code 1.5e+300}. */
  PYTHON,
  /** JavaScript's {@code Number.prototype.toString}: {@code 1}, {@code 0.000001}, {@code 1e-7}, {@code 1e+21}. */
  JAVASCRIPT;

  /** The number as this writer writes it; for {@link #PYTHON} and {@link #JAVASCRIPT}. */
  String format(double value) {
    if (!Double.isFinite(value)) {
      return notJson(value);
    }
    if (value == 0) {
      return this == JAVASCRIPT ? "0" : (1 / value < 0 ? "-0.0" : "0.0");
    }
    Decimal decimal = Decimal.of(value);
    String sign = value < 0 ? "-" : "";
    return sign + (this == PYTHON ? python(decimal) : javascript(decimal));
  }

  /**
   * A whole number as a producer's integer in a {@code number} property reads back: the shortest
   * digits of the double it became, then zeros up to the decimal point.
   */
  static String whole(double value) {
    if (!Double.isFinite(value)) {
      return notJson(value);
    }
    if (value == 0) {
      return "0";
    }
    Decimal decimal = Decimal.of(value);
    return (value < 0 ? "-" : "") + decimal.positional("");
  }

  /**
   * A number beyond a double ({@code 1e400} reads as infinity) has no digits of its own: Java's
   * word for it, which no JSON payload holds, so that the value re-encodes to other bytes and stays raw.
   */
  private static String notJson(double value) {
    return Double.toString(value);
  }

  private static String python(Decimal d) {
    if (d.point() <= -4 || d.point() > 16) {
      return d.scientific(2);
    }
    return d.positional(".0");
  }

  private static String javascript(Decimal d) {
    if (d.point() <= -6 || d.point() > 21) {
      return d.scientific(1);
    }
    return d.positional("");
  }

  /**
   * A positive double's shortest digits (no leading or trailing zeros) and where its decimal point
   * goes: the value is {@code 0.digits × 10^point}.
   */
  private record Decimal(String digits, int point) {
    static Decimal of(double value) {
      // Schubfach, as Jackson ships it: the shortest digits on every JDK (Double.toString is only from 19).
      String text = DoubleToDecimal.toString(Math.abs(value));
      int e = text.indexOf('E');
      String mantissa = e < 0 ? text : text.substring(0, e);
      int dot = mantissa.indexOf('.');
      String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
      int point = dot + (e < 0 ? 0 : Integer.parseInt(text.substring(e + 1)));
      int first = 0;
      while (digits.charAt(first) == '0') {
        first++;
      }
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      Decimal decimal = new Decimal(digits.substring(first, end), point - first);
      return decimal.digits().length() == 2 ? decimal.oneDigit(Math.abs(value)) : decimal;
    }

    /** Java's form has two digits where one may read back too (4.9E-324, a subnormal): then the one. */
    private Decimal oneDigit(double magnitude) {
      BigDecimal one = new BigDecimal("0." + digits + "E" + point).round(new MathContext(1, RoundingMode.HALF_EVEN));
      if (one.doubleValue() != magnitude) {
        return this;
      }
      String unscaled = one.unscaledValue().toString();
      return new Decimal(unscaled.substring(0, 1), unscaled.length() - one.scale());
    }

    /** {@code d.ddde±x}, the exponent of at least {@code exponentDigits} digits. */
    String scientific(int exponentDigits) {
      int exponent = point - 1;
      String magnitude = String.valueOf(Math.abs(exponent));
      return digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "") + "e" + (exponent < 0 ? "-" : "+")
          + "0".repeat(Math.max(0, exponentDigits - magnitude.length())) + magnitude;
    }

    /** Without exponent; {@code whole} after a value with no fraction. */
    String positional(String whole) {
      if (point <= 0) {
        return "0." + "0".repeat(-point) + digits;
      }
      if (point >= digits.length()) {
        return digits + "0".repeat(point - digits.length()) + whole;
      }
      return digits.substring(0, point) + "." + digits.substring(point);
    }
  }
}
