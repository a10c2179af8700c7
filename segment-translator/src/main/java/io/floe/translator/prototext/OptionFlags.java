package io.floe.translator.prototext;

import com.squareup.wire.schema.internal.parser.OptionElement;
import java.util.List;
import java.util.Optional;

/**
 * The built-in boolean options that change how values are written or whether a file builds
 * ({@code packed}, {@code allow_alias}, {@code map_entry}, {@code message_set_wire_format}). Other
 * options (custom ones, {@code java_package}, …) are left out of the descriptor: they change
 * neither.
 */
final class OptionFlags {
  private OptionFlags() {}

  static Optional<Boolean> flag(List<OptionElement> options, String name) {
    return options.stream()
        .filter(option -> !option.isParenthesized() && option.getName().equals(name))
        .map(option -> Boolean.parseBoolean(String.valueOf(option.getValue())))
        .reduce((first, last) -> last);
  }
}
