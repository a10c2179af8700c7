package io.floe.translator.value.protobuf;

import io.floe.translator.value.ValueCodecChecks;
import io.floe.translator.value.ParquetRoundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import io.floe.translator.prototext.ProtoFileDescriptors;
import io.floe.translator.prototext.UnreadableProtoException;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;
import org.apache.iceberg.data.Record;

/**
 * Random message types and values: what protobuf-java writes is typed, and whatever is typed, even
 * from damaged payloads, re-encodes to its exact payload after the trip through a Parquet data file.
 * A type's schema read from its {@code .proto} text, as from a registry that serves only the text,
 * is the type protoc would describe, and types its values just as exactly.
 */
class ProtobufValueProperties {
  private static final int VALUE_DEPTH = 3;
  private final Path dir = temporaryDirectory();

  @Property(tries = 200)
  void valuesProtobufJavaWritesAreTypedAndComeBackExactlyThroughParquet(@ForAll("messages") Descriptor message, @ForAll Random random) {
    assertTypedAndExactThroughParquet(ProtobufValueCodec.of(message), message, random);
  }

  @Property(tries = 200)
  void aSchemaReadFromItsTextIsTheDescriptorItWasWrittenFrom(@ForAll("messages") Descriptor message)
      throws UnreadableProtoException {
    FileDescriptorProto written = message.getFile().toProto();

    FileDescriptorProto read = ProtoFileDescriptors.fromText(written.getName(), ProtoTextWriter.write(written), Map.of());

    assertEquals(withJsonNames(written), read);
  }

  @Property(tries = 100)
  void valuesOfASchemaReadFromItsTextAreTypedAndComeBackExactlyThroughParquet(
      @ForAll("messages") Descriptor message, @ForAll Random random) throws UnreadableProtoException {
    String text = ProtoTextWriter.write(message.getFile().toProto());
    FileDescriptorProto read = ProtoFileDescriptors.fromText("default", text, Map.of());
    RegisteredSchema schema = new RegisteredSchema(1, SchemaType.PROTOBUF, text, Optional.of(read.toByteArray()), List.of());

    assertTypedAndExactThroughParquet(ProtobufValueCodec.of(ProtobufMessageTypes.of(schema, List.of(0))), message, random);
  }

  /** Values {@code writer} writes are typed by {@code codec} and re-encode to their exact payloads from a Parquet file. */
  private void assertTypedAndExactThroughParquet(ProtobufValueCodec codec, Descriptor writer, Random random) {
    List<byte[]> payloads = IntStream.range(0, 1 + random.nextInt(4))
        .mapToObj(i -> RandomProtobuf.value(writer, random, VALUE_DEPTH).toByteArray())
        .toList();
    List<Record> records = payloads.stream()
        .map(payload -> codec.typed(payload).orElseThrow(() -> new AssertionError("not typed: " + codec.decode(payload))))
        .toList();

    for (ParquetRoundTrip.Encoding encoding : ParquetRoundTrip.Encoding.values()) {
      List<Record> stored = ParquetRoundTrip.through(encoding, dir, codec.columns(), records);
      for (int i = 0; i < payloads.size(); i++) {
        assertArrayEquals(payloads.get(i), codec.encode(stored.get(i)), encoding + " value " + i + ": " + records.get(i));
      }
    }
  }

  @Property(tries = 300)
  void whateverIsTypedFromADamagedPayloadComesBackExactlyThroughParquet(
      @ForAll("messages") Descriptor message, @ForAll Random random, @ForAll @IntRange(min = 0, max = 2) int damage) {
    ProtobufValueCodec codec = ProtobufValueCodec.of(message);
    byte[] payload = RandomProtobuf.value(message, random, VALUE_DEPTH).toByteArray();
    byte[] damaged = switch (damage) {
      case 0 -> Arrays.copyOf(payload, payload.length == 0 ? 0 : random.nextInt(payload.length));
      case 1 -> {
        byte[] flipped = payload.clone();
        if (flipped.length > 0) {
          flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
        }
        yield flipped;
      }
      default -> {
        byte[] longer = Arrays.copyOf(payload, payload.length + 1);
        longer[payload.length] = (byte) random.nextInt();
        yield longer;
      }
    };

    Statistics.label("typed").collect(ValueCodecChecks.typedComesBackExactly(codec, damaged, dir));
  }

  @Property
  void anyBytesEitherDecodeOrAreMalformed(@ForAll("messages") Descriptor message, @ForAll byte[] payload) {
    ProtobufValueCodec codec = ProtobufValueCodec.of(message);
    ValueCodecChecks.decodesOrIsMalformed(codec, payload);
  }

  /**
   * protoc gives every field its JSON name; the random schemas leave them to protobuf-java. Their
   * field names have no underscores, so each JSON name is the name.
   */
  private static FileDescriptorProto withJsonNames(FileDescriptorProto file) {
    FileDescriptorProto.Builder named = file.toBuilder();
    named.getMessageTypeBuilderList().forEach(ProtobufValueProperties::addJsonNames);
    return named.build();
  }

  private static void addJsonNames(DescriptorProto.Builder message) {
    message.getFieldBuilderList().forEach(field -> field.setJsonName(field.getName()));
    message.getNestedTypeBuilderList().forEach(ProtobufValueProperties::addJsonNames);
  }

  @Provide
  Arbitrary<Descriptor> messages() {
    return RandomProtobuf.messages();
  }

  @AfterProperty
  void deleteFiles() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).filter(file -> !file.equals(dir)).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("protobuf-values");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
