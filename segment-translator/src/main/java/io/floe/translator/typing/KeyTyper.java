package io.floe.translator.typing;

import io.floe.translator.key.KeyFormat;
import io.floe.translator.key.KeyVerdict;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.RegistryAuthenticationException;
import io.floe.translator.registry.RegistryUnavailableException;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.value.ValueCodec;
import io.floe.translator.value.ValueFormat;
import io.floe.translator.value.ValueVerdict;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WriterSchema;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Types the keys of one upload for analysts. A key in the registry's wire format is typed by the
 * values' own rules (a {@link ValueTyper} of the key's format: the schema looked up by the id its
 * framing carries, its columns kept only when they re-encode to exactly its bytes); a key without
 * framing is read as text when it is UTF-8 without control characters. The key's bytes are kept whatever the verdict, so that
 * typing keys never changes what a consumer gets.
 *
 * <p>One typer serves one upload, on one thread.
 */
public final class KeyTyper {
  private final KeyFormat format;
  private final boolean registered;
  private final ValueTyper framed;

  /**
   * @param registry the registry's schemas by id, if a registry is configured
   * @param withoutRegistry whether an unreachable registry leaves keys without columns instead of failing the upload
   */
  public KeyTyper(KeyFormat format, Optional<IntFunction<RegisteredSchema>> registry, boolean withoutRegistry) {
    this.format = format;
    this.registered = registry.isPresent();
    this.framed = new ValueTyper(format.schemaFormat(), registry, withoutRegistry);
  }

  /**
   * The writer schemas of the segment's keys, in the order of their first keys: a pass over the
   * segment's keys, so that the table has their columns before any row is written. Nothing when
   * keys are not read with a registry.
   *
   * @throws RegistryUnavailableException or {@link RegistryAuthenticationException} when the registry does not answer
   * @throws io.floe.translator.segment.SegmentFormatException when the segment is damaged
   */
  public List<WriterSchema> scan(Path segmentFile, int partition) {
    if (!readsFraming()) {
      return List.of();
    }
    try (SegmentTranslator translator = new SegmentTranslator(segmentFile, partition)) {
      while (translator.hasNext()) {
        for (byte[] key : translator.nextKeys()) {
          if (WireFormat.schemaId(key).isPresent()) {
            framed.type(key);
          }
        }
      }
    }
    return framed.writers();
  }

  /**
   * What the key gives analysts; {@link KeyVerdict#NONE} for a record without key.
   *
   * @throws RegistryUnavailableException or {@link RegistryAuthenticationException} when the registry does not answer
   */
  public KeyVerdict type(byte[] key) {
    if (key == null) {
      return KeyVerdict.NONE;
    }
    if (readsFraming() && WireFormat.schemaId(key).isPresent()) {
      ValueVerdict verdict = framed.type(key);
      if (verdict.schemaId().isPresent()) {
        return verdict.writer().isPresent() && !verdict.keepsBytes()
            ? KeyVerdict.typed(verdict.writer().get(), verdict.columns().get())
            : KeyVerdict.untyped(verdict.schemaId().getAsInt());
      }
    }
    return format.readsText() ? text(key).map(KeyVerdict::text).orElse(KeyVerdict.NONE) : KeyVerdict.NONE;
  }

  /** The codec of a writer schema {@link #scan} found. */
  public ValueCodec codec(WriterSchema.Key writer) {
    return framed.codec(writer);
  }

  private boolean readsFraming() {
    return registered && format.schemaFormat() != ValueFormat.RAW;
  }

  /**
   * The key's text if it is well-formed UTF-8 (the decoder reports overlong forms, encoded
   * surrogates and code points beyond U+10FFFF, so the text's UTF-8 is exactly the key) without
   * control characters but tab, line feed and carriage return: those mark binary keys, such as the
   * numbers Kafka's integer serializers write, and the registry's framing, which starts with 0.
   */
  private static Optional<String> text(byte[] key) {
    for (byte b : key) {
      if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(key)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
