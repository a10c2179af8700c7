package io.floe.translator.value.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import org.apache.iceberg.types.Types;

/**
 * Where a message refers to a message that encloses it, the schema is cut: the column is binary and
 * holds the sub-message's bytes. They are protobuf-java's encoding of it; when that differs from the
 * payload's, so does the whole value's, and the value stays raw.
 */
final class CutColumn implements ProtobufColumn {
  private final Descriptor message;

  CutColumn(Descriptor message) {
    this.message = message;
  }

  @Override
  public Types.BinaryType type() {
    return Types.BinaryType.get();
  }

  @Override
  public ByteBuffer read(Object field) {
    return ByteBuffer.wrap(((Message) field).toByteArray());
  }

  @Override
  public DynamicMessage write(Object column) {
    try {
      return DynamicMessage.parseFrom(message, toArray((ByteBuffer) column));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Cannot encode a cut " + message.getFullName() + ": its bytes do not parse", e);
    }
  }

  private static byte[] toArray(ByteBuffer bytes) {
    byte[] array = new byte[bytes.remaining()];
    bytes.duplicate().get(array);
    return array;
  }
}
