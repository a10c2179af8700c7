package io.floe.translator.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.data.Record;

/** What every format's codec must do with any payload, checked the same way for each. */
public final class ValueCodecChecks {
  private ValueCodecChecks() {}

  /**
   * A payload the codec types comes back exactly from its columns after a real Parquet write and
   * read in {@code dir}; returns whether it was typed.
   */
  public static boolean typedComesBackExactly(ValueCodec codec, byte[] payload, Path dir) {
    Optional<Record> typed = codec.typed(payload);
    typed.ifPresent(record -> {
      Record stored = ParquetRoundTrip.through(ParquetRoundTrip.Encoding.DICTIONARY, dir, codec.columns(), List.of(record)).get(0);
      assertArrayEquals(payload, codec.encode(stored));
    });
    return typed.isPresent();
  }

  /** Any bytes decode to a record of the codec's columns or are malformed: nothing else is thrown. */
  public static void decodesOrIsMalformed(ValueCodec codec, byte[] payload) {
    try {
      assertEquals(codec.columns(), codec.decode(payload).struct());
    } catch (MalformedValueException e) {
      // the one way a payload may fail to decode
    }
    codec.typed(payload);
  }
}
