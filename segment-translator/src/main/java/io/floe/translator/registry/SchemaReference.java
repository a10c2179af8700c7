package io.floe.translator.registry;

/**
 * A schema another one refers to, resolved: the name it is referred to by (an Avro type's full
 * name, the path a Protobuf file imports, a JSON Schema {@code $ref}), where the registry keeps
 * it, and the schema itself with its own references.
 */
public record SchemaReference(String name, String subject, int version, RegisteredSchema schema) {}
