package io.floe.translator.prototext;

import java.util.Locale;
import java.util.Set;

/** The names protoc makes up for what a {@code .proto} file leaves implicit. */
final class ProtocNames {
  private ProtocNames() {}

  /** A field's JSON name: underscores dropped, the letter after each upper-cased ({@code user_id} → {@code userId}). */
  static String jsonName(String fieldName) {
    StringBuilder json = new StringBuilder(fieldName.length());
    boolean capitalizeNext = false;
    for (char c : fieldName.toCharArray()) {
      if (c == '_') {
        capitalizeNext = true;
      } else {
        json.append(capitalizeNext ? Character.toUpperCase(c) : c);
        capitalizeNext = false;
      }
    }
    return json.toString();
  }

  /** The entry message of a map field: {@code map<K, V> line_items} gets {@code LineItemsEntry}. */
  static String mapEntryName(String fieldName) {
    StringBuilder entry = new StringBuilder(fieldName.length() + 5);
    boolean capitalizeNext = true;
    for (char c : fieldName.toCharArray()) {
      if (c == '_') {
        capitalizeNext = true;
      } else {
        entry.append(capitalizeNext && c >= 'a' && c <= 'z' ? Character.toUpperCase(c) : c);
        capitalizeNext = false;
      }
    }
    return entry.append("Entry").toString();
  }

  /**
   * The oneof protoc wraps a proto3 {@code optional} field in: {@code _name}, prefixed with
   * {@code X} until no other name of the message has it.
   */
  static String syntheticOneofName(String fieldName, Set<String> taken) {
    String name = fieldName.startsWith("_") ? fieldName : "_" + fieldName;
    while (taken.contains(name)) {
      name = "X" + name;
    }
    return name;
  }

  /** The field a proto2 group declares: the group's name in lower case. */
  static String groupFieldName(String groupName) {
    return groupName.toLowerCase(Locale.ROOT);
  }
}
