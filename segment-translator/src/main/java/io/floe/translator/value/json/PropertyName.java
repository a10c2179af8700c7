package io.floe.translator.value.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * A property name of a schema, with its quoted bytes worked out once when it is plain (printable
 * ASCII without {@code "} or {@code \}): every writer Floe knows quotes such a name as it is, so
 * the generator copies the bytes instead of escaping the name again for every value. Other names
 * are escaped per value, in the value's style.
 */
record PropertyName(String text, SerializableString plain) {
  static PropertyName of(String text) {
    return new PropertyName(text, isPlain(text) ? new SerializedString(text) : null);
  }

  private static boolean isPlain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
