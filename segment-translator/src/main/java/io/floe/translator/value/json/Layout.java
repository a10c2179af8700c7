package io.floe.translator.value.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;

/** Where a JSON writer puts spaces between the tokens of a value. */
enum Layout {
  /** None: Jackson, {@code JSON.stringify}, Python's {@code json.dumps} with {@code separators=(",", ":")}. */
  COMPACT,
  /** A space after each {@code ,} and {@code :}: Python's {@code json.dumps} by default. */
  SPACED;

  /** The layout a payload starts with: whether its first separator is followed by a space. */
  static Layout of(byte[] payload) {
    boolean inString = false;
    for (int i = 0; i < payload.length - 1; i++) {
      byte b = payload[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == ',' || b == ':') {
        return payload[i + 1] == ' ' ? SPACED : COMPACT;
      }
    }
    return COMPACT;
  }

  /** Sets the generator up to write this layout. */
  void applyTo(JsonGenerator out) {
    if (this == SPACED) {
      out.setPrettyPrinter(new Spaced());
    }
  }

  /** Python's default separators, {@code ", "} and {@code ": "}; nothing around brackets. */
  private static final class Spaced extends MinimalPrettyPrinter {
    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator out) throws IOException {
      out.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator out) throws IOException {
      out.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator out) throws IOException {
      out.writeRaw(", ");
    }
  }
}
