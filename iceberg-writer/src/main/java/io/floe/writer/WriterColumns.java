package io.floe.writer;

import io.floe.translator.table.KeyBinding;
import io.floe.translator.table.KeyColumnPlacement;
import io.floe.translator.table.ValueColumnPlacement;
import io.floe.translator.typing.KeyTyper;
import io.floe.translator.typing.ValueTyper;
import io.floe.translator.value.WriterSchema;
import io.floe.writer.table.ValueSchemaEvolution;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;

/**
 * The columns of a segment's value and key writer schemas in its table: the table evolved to hold
 * them before any row is written, then each writer bound to where its columns are in the view the
 * rows are written with.
 */
final class WriterColumns {
  private final ValueTyper values;
  private final KeyTyper keys;
  private final List<WriterSchema> keyWriters;

  /** For the writers the typers' scans of the segment found. */
  WriterColumns(ValueTyper values, KeyTyper keys, List<WriterSchema> keyWriters) {
    this.values = values;
    this.keys = keys;
    this.keyWriters = keyWriters;
  }

  /**
   * Evolves {@code latest} to hold the writers' columns, in one schema commit, and returns its
   * schema after it. The schema inferred from schemaless JSON is fitted first: what it adds depends
   * on the columns the table has (its cap).
   */
  Schema evolve(Table latest) {
    List<WriterSchema> valueWriters = values.fit(ValueColumnPlacement.valueColumns(latest.schema()));
    if (valueWriters.isEmpty() && keyWriters.isEmpty()) {
      return latest.schema();
    }
    return ValueSchemaEvolution.evolve(latest, structs(valueWriters, values), keyWriters.stream()
        .map(writer -> keys.codec(writer.key()).columns()).toList());
  }

  /** Where each value writer's columns are in {@code view}. */
  List<BoundWriter> values(Schema view) {
    return values.writers().stream()
        .map(writer -> new BoundWriter(writer, ValueColumnPlacement.bind(view, values.codec(writer.key()).columns())))
        .toList();
  }

  /** Where each key writer's columns are in {@code view}. */
  Map<WriterSchema.Key, KeyBinding> keys(Schema view) {
    return keyWriters.stream().collect(Collectors.toMap(WriterSchema::key,
        writer -> KeyColumnPlacement.bind(view, keys.codec(writer.key()).columns())));
  }

  @Override
  public String toString() {
    return "value writer schemas " + values.writers() + " and key writer schemas " + keyWriters;
  }

  private static List<Types.StructType> structs(List<WriterSchema> writers, ValueTyper typer) {
    return writers.stream().map(writer -> typer.codec(writer.key()).columns()).toList();
  }
}
