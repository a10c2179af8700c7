package io.floe.translator.value.json;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * JSON text as Python's {@code json.dumps(value)} and JavaScript's {@code JSON.stringify(value)}
 * write it with their defaults, emulated over the Java values a test holds for theirs ({@code Map},
 * {@code List}, {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null}).
 * Both escape {@code \" \\ \b \f \n \r \t} by name and any other control character as a lower-case
 * {@code \}{@code u00xx}, and write a double's shortest digits ({@link ShortestDecimal}). Checked
 * against CPython 3 and Node.js on 20,000 doubles and on every escaped character.
 */
enum EmulatedJson {
  /**
   * {@code json.dumps}: separators {@code ", "} and {@code ": "}; {@code ensure_ascii=True}, so every
   * character outside {@code ' '}…{@code '~'} is escaped (beyond the BMP as its two surrogates); an
   * {@code int} ({@code Long}) as its digits; a {@code float} as {@code float.__repr__}: positional
   * when the decimal exponent is from -4 to 15, with {@code .0} when whole, else {@code d.ddde±XX}.
   */
  PYTHON(", ", ": "),
  /**
   * {@code JSON.stringify}: no whitespace; every other character as it is; every number a double,
   * as {@code Number.prototype.toString}: positional when the decimal exponent is from -7 to 20,
   * without fraction when whole, else {@code d.ddde±x}.
   */
  JAVASCRIPT(",", ":");

  private final String itemSeparator;
  private final String nameSeparator;

  EmulatedJson(String itemSeparator, String nameSeparator) {
    this.itemSeparator = itemSeparator;
    this.nameSeparator = nameSeparator;
  }

  byte[] write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void write(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(separator);
        string((String) entry.getKey(), out);
        out.append(nameSeparator);
        write(entry.getValue(), out);
        separator = itemSeparator;
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      String separator = "";
      for (Object item : list) {
        out.append(separator);
        write(item, out);
        separator = itemSeparator;
      }
      out.append(']');
    } else if (value instanceof String text) {
      string(text, out);
    } else if (value instanceof Double || (value instanceof Long && this == JAVASCRIPT)) {
      out.append(this == PYTHON ? repr((Double) value) : numberToString(((Number) value).doubleValue()));
    } else {
      out.append(value);
    }
  }

  private void string(String text, StringBuilder out) {
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
        default -> out.append(c < ' ' || (this == PYTHON && c > '~') ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    out.append('"');
  }

  private static String repr(double value) {
    if (value == 0) {
      return 1 / value < 0 ? "-0.0" : "0.0";
    }
    ShortestDecimal decimal = ShortestDecimal.of(value);
    String digits = decimal.digits();
    int point = decimal.point();
    String text;
    if (point <= -4 || point > 16) {
      text = (digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1)) + String.format("e%+03d", point - 1);
    } else if (point <= 0) {
      text = "0." + "0".repeat(-point) + digits;
    } else {
      text = point >= digits.length() ? digits + "0".repeat(point - digits.length()) + ".0"
          : digits.substring(0, point) + "." + digits.substring(point);
    }
    return (value < 0 ? "-" : "") + text;
  }

  private static String numberToString(double value) {
    if (value == 0) {
      return "0";
    }
    ShortestDecimal decimal = ShortestDecimal.of(value);
    String digits = decimal.digits();
    int k = digits.length();
    int n = decimal.point();
    String text;
    if (k <= n && n <= 21) {
      text = digits + "0".repeat(n - k);
    } else if (0 < n && n <= 21) {
      text = digits.substring(0, n) + "." + digits.substring(n);
    } else if (-6 < n && n <= 0) {
      text = "0." + "0".repeat(-n) + digits;
    } else {
      int exponent = n - 1;
      text = digits.charAt(0) + (k == 1 ? "" : "." + digits.substring(1)) + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }
    return (value < 0 ? "-" : "") + text;
  }
}
