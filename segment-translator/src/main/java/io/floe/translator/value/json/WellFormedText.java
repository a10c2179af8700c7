package io.floe.translator.value.json;

import io.floe.translator.value.MalformedValueException;

/**
 * JSON's {@code \\uD800} escapes can spell a lone surrogate, which no UTF-8 generator writes and no
 * Parquet string holds; such text is not a value Floe can type.
 */
final class WellFormedText {
  private WellFormedText() {}

  static String require(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new MalformedValueException("text has an unpaired surrogate at char " + i);
      }
    }
    return text;
  }
}
