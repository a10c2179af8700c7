package io.floe.translator.typing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.key.KeyFormat;
import io.floe.translator.key.KeyVerdict;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.value.PayloadDamage;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import io.floe.translator.value.avro.AvroBytes;
import io.floe.translator.value.avro.RandomAvro;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.Schema;

/**
 * Random keys: what a key gives analysts is always exactly its bytes, as columns that re-encode to
 * them with its writer schema or as text whose UTF-8 they are. The registry is the schema a
 * property made, by id: the typer is the one class under test.
 */
class KeyTyperProperties {
  private static final int SCHEMA_ID = 5;

  /** An Avro key as a serializer frames it, maybe damaged on the way. */
  record AvroKey(Schema schema, byte[] key, PayloadDamage damage) {
    KeyTyper typer() {
      RegisteredSchema registered = new RegisteredSchema(SCHEMA_ID, SchemaType.AVRO, schema.toString(),
          Optional.empty(), List.of());
      return new KeyTyper(KeyFormat.AUTO, Optional.of(id -> registered), false);
    }
  }

  @Property(tries = 300)
  void avroKeysAreTypedAndTheirColumnsReencodeToTheirExactBytes(@ForAll("avroKeys") AvroKey sample) {
    KeyTyper typer = sample.typer();

    KeyVerdict verdict = typer.type(sample.key());

    assertTrue(verdict.columns().isPresent(), "not typed: " + sample.schema());
    assertArrayEquals(sample.key(), reencoded(typer, verdict));
  }

  @Property(tries = 500)
  void whateverADamagedKeyGivesIsExactlyItsBytes(@ForAll("avroKeys") AvroKey sample) {
    KeyTyper typer = sample.typer();
    byte[] key = sample.damage().applyTo(sample.key());

    KeyVerdict verdict = typer.type(key);

    if (verdict.columns().isPresent()) {
      assertArrayEquals(key, reencoded(typer, verdict));
    }
    verdict.text().ifPresent(text -> assertArrayEquals(key, text.getBytes(StandardCharsets.UTF_8)));
    Statistics.label("typed").collect(verdict.columns().isPresent());
    Statistics.label("typed").coverage(coverage -> coverage.check(true).percentage(p -> p > 5));
  }

  @Property
  void aKeyWrittenFromTextWithoutControlCharactersIsThatText(@ForAll("texts") String text) {
    byte[] key = text.getBytes(StandardCharsets.UTF_8);

    KeyVerdict verdict = new KeyTyper(KeyFormat.TEXT, Optional.empty(), false).type(key);

    assertEquals(new String(key, StandardCharsets.UTF_8), verdict.text().orElseThrow());
    assertArrayEquals(key, verdict.text().get().getBytes(StandardCharsets.UTF_8));
  }

  @Property
  void anyBytesAreTextOnlyWhenTheyAreExactlyItsUtf8(@ForAll("keyBytes") byte[] key) {
    KeyVerdict verdict = new KeyTyper(KeyFormat.TEXT, Optional.empty(), false).type(key);

    verdict.text().ifPresent(text -> assertArrayEquals(key, text.getBytes(StandardCharsets.UTF_8)));
    Statistics.label("text").collect(verdict.text().isPresent());
    Statistics.label("text").coverage(coverage -> coverage.check(false).percentage(p -> p > 5));
  }

  @Provide
  Arbitrary<AvroKey> avroKeys() {
    return RandomAvro.schemas().flatMap(schema -> Combinators.combine(RandomAvro.values(schema), PayloadDamage.any())
        .as((value, damage) -> new AvroKey(schema,
            WireFormat.encode(WireValue.of(SCHEMA_ID, AvroBytes.write(schema, value))), damage)));
  }

  /** Any text (lone surrogates included, which Java writes as {@code ?}) but control characters other than tab, LF and CR. */
  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().all().ofMaxLength(40).filter(text -> text.chars().noneMatch(
        c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F));
  }

  /** Bytes that are UTF-8 often enough to check both sides: mostly ASCII and the lead bytes of longer forms. */
  @Provide
  Arbitrary<byte[]> keyBytes() {
    return Arbitraries.oneOf(Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E),
        Arbitraries.of((byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, (byte) 0xAC, (byte) 0xF0, (byte) 0x9F,
            (byte) 0xC0, (byte) 0xED, (byte) 0xA0, (byte) 0xF5, (byte) 0xFF))
        .array(byte[].class).ofMaxSize(12);
  }

  private static byte[] reencoded(KeyTyper typer, KeyVerdict verdict) {
    WireValue wire = new WireValue(verdict.schemaId().getAsInt(), verdict.writer().get().messageIndexes(),
        typer.codec(verdict.writer().get()).encode(verdict.columns().get()));
    return WireFormat.encode(wire);
  }
}
