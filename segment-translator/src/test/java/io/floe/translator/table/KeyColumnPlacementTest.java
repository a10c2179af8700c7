package io.floe.translator.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Where a key writer struct's fields land: inside {@code _key}, by the values' rules (docs/data-model.md). */
class KeyColumnPlacementTest {
  private static final Types.StringType STRING = Types.StringType.get();
  private static final Types.IntegerType INT = Types.IntegerType.get();
  private static final Types.LongType LONG = Types.LongType.get();
  private static final Schema ORDERS = new Schema(
      optional(1, "id", INT),
      optional(2, "customer", STRING));

  @Test
  void aKeysFieldsBecomeOptionalFieldsOfTheKeyColumnBesideTheValues() {
    Types.StructType key = Types.StructType.of(required(1, "region", STRING), required(2, "id", LONG));

    Schema evolved = KeyColumnPlacement.evolved(ORDERS, key);

    assertEquals(INT, evolved.findType("id"));
    assertEquals(Types.StructType.of(optional(4, "region", STRING), optional(5, "id", LONG)),
        evolved.findType("_key"));
    assertEquals(3, evolved.findField("_key").fieldId());
  }

  @Test
  void aLaterKeySchemaWidensAndAddsFieldsAndKeepsTheirIds() {
    Schema v1 = KeyColumnPlacement.evolved(ORDERS, Types.StructType.of(optional(1, "id", INT)));
    Types.StructType v2 = Types.StructType.of(optional(1, "id", LONG), optional(2, "shard", STRING));

    Schema evolved = KeyColumnPlacement.evolved(v1, v2);

    assertEquals(v1.findField("_key.id").fieldId(), evolved.findField("_key.id").fieldId());
    assertEquals(LONG, evolved.findType("_key.id"));
    assertEquals(STRING, evolved.findType("_key.shard"));
  }

  @Test
  void aKeyFieldWhoseTypeDoesNotFitGetsAColumnNamedForItsType() {
    Schema v1 = KeyColumnPlacement.evolved(ORDERS, Types.StructType.of(optional(1, "id", LONG)));

    Schema evolved = KeyColumnPlacement.evolved(v1, Types.StructType.of(optional(1, "id", STRING)));

    assertEquals(LONG, evolved.findType("_key.id"));
    assertEquals(STRING, evolved.findType("_key.id__string"));
  }

  @Test
  void aKeyIsWrittenIntoTheKeyColumnWidenedAsItsColumnIs() {
    Types.StructType key = Types.StructType.of(optional(1, "id", INT));
    Schema table = KeyColumnPlacement.evolved(ORDERS, Types.StructType.of(optional(1, "id", LONG)));
    Record row = GenericRecord.create(table);
    Record columns = GenericRecord.create(key);
    columns.set(0, 7);

    KeyColumnPlacement.bind(table, key).write(columns, row);

    assertEquals(7L, ((Record) row.getField("_key")).getField("id"));
    assertNull(row.getField("id"));
  }

  @Test
  void bindingAKeyTheTableCannotHoldYetNamesTheChange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeyColumnPlacement.bind(ORDERS, Types.StructType.of(optional(1, "id", INT))));

    assertTrue(e.getMessage().startsWith("Cannot bind key columns"), e.getMessage());
  }
}
