package io.floe.translator.typing;

import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaReference;
import io.floe.translator.value.UnsupportedSchemaException;
import io.floe.translator.value.ValueCodec;
import io.floe.translator.value.WriterSchema;
import io.floe.translator.value.avro.AvroValueCodec;
import io.floe.translator.value.json.JsonValueCodec;
import io.floe.translator.value.protobuf.ProtobufMessageTypes;
import io.floe.translator.value.protobuf.ProtobufValueCodec;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** The codec of each writer schema, by its format: the one place that knows every format. */
public final class ValueCodecs {
  private ValueCodecs() {}

  /**
   * The codec of values written with {@code writer}.
   *
   * @throws UnsupportedSchemaException when the schema does not parse or has a part no column holds
   * @throws MalformedValueException when a Protobuf value's message indexes name no message
   */
  public static ValueCodec of(WriterSchema writer) {
    RegisteredSchema schema = writer.schema();
    return switch (schema.type()) {
      case AVRO -> AvroValueCodec.of(avro(schema));
      case PROTOBUF -> ProtobufValueCodec.of(ProtobufMessageTypes.of(schema, writer.messageIndexes()));
      case JSON -> JsonValueCodec.of(schema);
    };
  }

  /** An Avro schema parsed after the named types it refers to, as the registry's serializers parse it. */
  private static Schema avro(RegisteredSchema schema) {
    Schema.Parser parser = new Schema.Parser();
    try {
      for (SchemaReference reference : schema.referencesInDependencyOrder()) {
        parser.parse(reference.schema().schema());
      }
      return parser.parse(schema.schema());
    } catch (SchemaParseException e) {
      throw new UnsupportedSchemaException("Cannot parse Avro schema " + schema.id() + ": " + e.getMessage());
    }
  }
}
