package io.floe.translator.value.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A walk over a message descriptor that hands each part to a callback, post-order, with the parts
 * nested in it as suppliers. Well-known types Floe maps to one column ({@code Timestamp}, the
 * wrappers) are parts of their own; a reference to a message that encloses it is handed to
 * {@link #recursion}. Suppliers must be called during the visit that receives them.
 */
abstract class ProtobufDescriptorVisitor<T> {
  static final String TIMESTAMP = "google.protobuf.Timestamp";
  private static final Set<String> WRAPPERS = Set.of(
      "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
      "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
      "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue");

  private final Set<Descriptor> enclosingMessages = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Deque<String> path = new ArrayDeque<>();

  abstract T message(Descriptor message, List<Supplier<T>> fields);

  abstract T repeated(FieldDescriptor field, Supplier<T> element);

  abstract T map(FieldDescriptor field, Supplier<T> key, Supplier<T> value);

  /** A scalar or enum field, or the element of a repeated one. */
  abstract T scalar(FieldDescriptor field);

  abstract T timestamp(Descriptor timestamp);

  abstract T wrapper(Descriptor wrapper, Supplier<T> value);

  /** A reference to {@code message} inside {@code message} itself. */
  abstract T recursion(Descriptor message);

  /** Where the walk is, as field names from the root ({@code element}, {@code key} and {@code value} inside collections). */
  String path() {
    return path.isEmpty() ? "the message itself" : String.join(".", (Iterable<String>) path::descendingIterator);
  }

  T visit(Descriptor message) {
    if (!enclosingMessages.add(message)) {
      return recursion(message);
    }
    try {
      return message(message, message.getFields().stream().map(field -> child(field.getName(), () -> field(field))).toList());
    } finally {
      enclosingMessages.remove(message);
    }
  }

  private T field(FieldDescriptor field) {
    if (field.isMapField()) {
      Descriptor entry = field.getMessageType();
      return map(field, child("key", () -> single(entry.getFields().get(0))), child("value", () -> single(entry.getFields().get(1))));
    }
    if (field.isRepeated()) {
      return repeated(field, child("element", () -> single(field)));
    }
    return single(field);
  }

  private T single(FieldDescriptor field) {
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return scalar(field);
    }
    Descriptor type = field.getMessageType();
    if (type.getFullName().equals(TIMESTAMP)) {
      return timestamp(type);
    }
    if (WRAPPERS.contains(type.getFullName())) {
      return wrapper(type, child("value", () -> scalar(type.getFields().get(0))));
    }
    return visit(type);
  }

  private Supplier<T> child(String name, Supplier<T> visit) {
    return () -> {
      path.push(name);
      try {
        return visit.get();
      } finally {
        path.pop();
      }
    };
  }
}
