package io.floe.translator.value.json;

/**
 * How a JSON writer escapes the characters of a string. All escape {@code "} and {@code \} with a
 * backslash, and control characters as {@code \b \t \n \f \r} or else {@code \}{@code u00xx}; they
 * differ in the case of those hex digits and in what else they escape.
 */
enum Escapes {
  /**
   * Jackson's UTF-8 generator: upper-case hex, characters beyond the Basic Multilingual Plane as
   * two escapes of their surrogates. Written by Jackson itself, not by {@link #quote}.
   */
  JACKSON,
  /** Nothing but what JSON requires, lower-case hex: {@code JSON.stringify}, Python with {@code ensure_ascii=False}. */
  MINIMAL,
  /**
   * Python's default {@code ensure_ascii}: besides what JSON requires, every character outside
   * printable ASCII ({@code DEL} and beyond) as a lower-case escape, surrogates one by one.
   */
  ASCII;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The text in quotes, escaped as this writer escapes it; for {@link #MINIMAL} and {@link #ASCII}. */
  String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\b' -> quoted.append("\\b");
        case '\t' -> quoted.append("\\t");
        case '\n' -> quoted.append("\\n");
        case '\f' -> quoted.append("\\f");
        case '\r' -> quoted.append("\\r");
        default -> {
          if (c < 0x20 || (this == ASCII && c > 0x7E)) {
            quoted.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
