package io.floe.writer.data;

import io.floe.translator.key.KeyVerdict;
import io.floe.translator.table.KeyBinding;
import io.floe.translator.typing.KeyTyper;
import io.floe.translator.value.WriterSchema;
import java.util.Map;
import org.apache.iceberg.data.Record;

/**
 * The keys of a segment's rows as analysts see them: each key typed by the upload's key typer, and
 * a typed key's columns set in {@code _key} where its writer schema's binding puts them. The key's
 * bytes are written apart, in {@code _kafka.key}, whatever its verdict.
 */
public final class RowKeys {
  private final KeyTyper typer;
  private final Map<WriterSchema.Key, KeyBinding> bindings;

  public RowKeys(KeyTyper typer, Map<WriterSchema.Key, KeyBinding> bindings) {
    this.typer = typer;
    this.bindings = Map.copyOf(bindings);
  }

  KeyVerdict verdict(byte[] key) {
    return typer.type(key);
  }

  /** Sets the columns of a typed key in its row. */
  void fill(KeyVerdict verdict, Record row) {
    verdict.writer().ifPresent(writer -> {
      KeyBinding binding = bindings.get(writer);
      if (binding == null) {
        throw new IllegalStateException("No table columns are bound for keys of writer schema " + writer);
      }
      binding.write(verdict.columns().get(), row);
    });
  }
}
