package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.translator.value.MalformedValueException;
import java.io.IOException;
import java.util.Set;
import org.apache.iceberg.types.Types;

/** An {@code enum} or {@code const} of strings as a string column holding the symbol. */
record SymbolColumn(Set<String> symbols) implements JsonColumn {
  SymbolColumn {
    symbols = Set.copyOf(symbols);
  }

  @Override
  public Types.StringType type() {
    return Types.StringType.get();
  }

  @Override
  public String read(JsonNode value, ShapeRecorder shape) {
    if (!value.isTextual() || !symbols.contains(value.textValue())) {
      throw new MalformedValueException("expected one of " + symbols.size() + " symbols, found " + value.getNodeType().name().toLowerCase());
    }
    return value.textValue();
  }

  @Override
  public void write(Object value, ShapedGenerator out) throws IOException {
    out.writeString(value.toString());
  }
}
