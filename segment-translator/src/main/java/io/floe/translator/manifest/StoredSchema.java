package io.floe.translator.manifest;

import java.util.List;
import java.util.Optional;

/**
 * A writer schema as a manifest stores it: the manifest's own record, so that what is on disk does
 * not change with the schema-registry client. Its id, its format, its text, a Protobuf schema's
 * {@code FileDescriptorProto} (its values are read without a {@code .proto} parser), and the
 * schemas it refers to, each stored whole.
 */
public record StoredSchema(
    int id, Format format, String text, Optional<byte[]> fileDescriptorProto, List<Reference> references) {

  public StoredSchema {
    references = List.copyOf(references);
    if (fileDescriptorProto.isPresent() != (format == Format.PROTOBUF)) {
      throw new IllegalArgumentException(
          "Schema " + id + " of format " + format + " must carry a FileDescriptorProto exactly when it is PROTOBUF");
    }
  }

  /** The schema formats a manifest stores; each has a one-byte code on disk ({@link ManifestCodec}). */
  public enum Format {
    AVRO,
    PROTOBUF,
    JSON
  }

  /**
   * A schema the stored one refers to: the name it is referred to by, where the registry kept it
   * when the segment was uploaded, and the schema itself.
   */
  public record Reference(String name, String subject, int version, StoredSchema schema) {}
}
