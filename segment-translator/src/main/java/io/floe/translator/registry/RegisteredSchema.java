package io.floe.translator.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A writer schema as the registry keeps it under its id: its format, its text, and the schemas it
 * refers to, each resolved. A Protobuf schema also carries its {@code FileDescriptorProto}: as the
 * registry serializes it, or, from a registry that serves only the text, as Floe derives it from
 * the text the way protoc would. The manifest keeps it, so that a fetch reads values with the
 * descriptor the upload typed them with, and no {@code .proto} parser.
 */
public record RegisteredSchema(
    int id, SchemaType type, String schema, Optional<byte[]> fileDescriptorProto, List<SchemaReference> references) {

  public RegisteredSchema {
    references = List.copyOf(references);
    if (fileDescriptorProto.isPresent() != (type == SchemaType.PROTOBUF)) {
      throw new IllegalArgumentException(
          "Schema " + id + " of type " + type + " must carry a FileDescriptorProto exactly when it is PROTOBUF");
    }
  }

  /**
   * Every schema this one depends on, directly or not, once each and each after its own
   * dependencies: the order in which Avro's parser must see named types before the schema that
   * uses them.
   */
  public List<SchemaReference> referencesInDependencyOrder() {
    List<SchemaReference> ordered = new ArrayList<>();
    addInDependencyOrder(references, new HashSet<>(), ordered);
    return ordered;
  }

  private static void addInDependencyOrder(
      List<SchemaReference> references, Set<String> seen, List<SchemaReference> ordered) {
    for (SchemaReference reference : references) {
      if (seen.add(reference.subject() + '\u0000' + reference.version())) {
        addInDependencyOrder(reference.schema().references(), seen, ordered);
        ordered.add(reference);
      }
    }
  }

  @Override
  public String toString() {
    List<String> names = references.stream().map(SchemaReference::name).toList();
    return "RegisteredSchema[id=" + id + ", type=" + type + ", references=" + names + "]";
  }
}
