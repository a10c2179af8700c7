package io.floe.translator.prototext;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Google's well-known files ({@code google/protobuf/timestamp.proto}, …) as protobuf-java has them
 * built in: schemas import them without the registry listing them as references.
 */
public final class WellKnownFiles {
  private static final Map<String, FileDescriptor> BY_PATH = Stream.of(
          AnyProto.getDescriptor(), ApiProto.getDescriptor(), DescriptorProtos.getDescriptor(), DurationProto.getDescriptor(),
          EmptyProto.getDescriptor(), FieldMaskProto.getDescriptor(), SourceContextProto.getDescriptor(),
          StructProto.getDescriptor(), TimestampProto.getDescriptor(), TypeProto.getDescriptor(), WrappersProto.getDescriptor())
      .collect(Collectors.toUnmodifiableMap(FileDescriptor::getName, Function.identity()));

  private WellKnownFiles() {}

  /** The well-known file an import path names, if it names one. */
  public static Optional<FileDescriptor> at(String importPath) {
    return Optional.ofNullable(BY_PATH.get(importPath));
  }
}
