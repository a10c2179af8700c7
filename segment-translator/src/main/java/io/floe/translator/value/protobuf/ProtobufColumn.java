package io.floe.translator.value.protobuf;

import org.apache.iceberg.types.Type;

/**
 * One Protobuf type as an Iceberg column: the column's type, and how a field value as protobuf-java
 * holds it becomes the Java value Iceberg's generic records hold for that type, and back.
 */
interface ProtobufColumn {
  Type type();

  /** The column's value of a field value as {@code Message.getField} returns it. */
  Object read(Object field);

  /** The field value {@code DynamicMessage.Builder.setField} takes for a column's value. */
  Object write(Object column);
}
