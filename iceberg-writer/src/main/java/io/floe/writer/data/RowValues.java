package io.floe.writer.data;

import io.floe.translator.table.ColumnBinding;
import io.floe.translator.typing.ValueTyper;
import io.floe.translator.value.ValueVerdict;
import io.floe.translator.value.WriterSchema;
import java.util.Map;
import org.apache.iceberg.data.Record;

/**
 * The values of a segment's rows as the table holds them: each value typed by the upload's typer,
 * and a typed value's columns set where its writer schema's binding puts them in the table.
 */
public final class RowValues {
  private final ValueTyper typer;
  private final Map<WriterSchema.Key, ColumnBinding> bindings;

  public RowValues(ValueTyper typer, Map<WriterSchema.Key, ColumnBinding> bindings) {
    this.typer = typer;
    this.bindings = Map.copyOf(bindings);
  }

  ValueVerdict verdict(byte[] value) {
    return typer.type(value);
  }

  /** Sets the columns of a typed value in its row. */
  void fill(ValueVerdict verdict, Record row) {
    verdict.writer().ifPresent(writer -> {
      ColumnBinding binding = bindings.get(writer);
      if (binding == null) {
        throw new IllegalStateException("No table columns are bound for values of writer schema " + writer);
      }
      binding.write(verdict.columns().get(), row);
    });
  }
}
