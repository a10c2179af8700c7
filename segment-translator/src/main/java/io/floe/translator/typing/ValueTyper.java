package io.floe.translator.typing;

import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.RegistryAuthenticationException;
import io.floe.translator.registry.RegistryUnavailableException;
import io.floe.translator.registry.SchemaNotFoundException;
import io.floe.translator.registry.InvalidSchemaException;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.value.DecodedValue;
import io.floe.translator.value.MalformedValueException;
import io.floe.translator.value.UnsupportedSchemaException;
import io.floe.translator.value.ValueCodec;
import io.floe.translator.value.ValueFormat;
import io.floe.translator.value.ValueRawReason;
import io.floe.translator.value.ValueStats;
import io.floe.translator.value.ValueVerdict;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import io.floe.translator.value.WriterSchema;
import io.floe.translator.value.inference.JsonInference;
import io.floe.translator.value.inference.SchemaInference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import org.apache.iceberg.types.Types;

/**
 * Types the values of one upload: finds each value's writer schema (asking the registry once per
 * schema id), decodes it with that schema's codec and keeps its columns only if they give back its
 * exact bytes (promise 3). Every value gets a verdict; none fails the upload (promise 2), except
 * for the registry being unreachable, which is infrastructure: that propagates, unless the upload
 * is told to go on without the registry.
 *
 * <p>Values without the registry's framing are typed, when the typer infers schemaless JSON, with
 * the schema {@link #scan} infers from the segment's JSON objects ({@link SchemaInference}).
 *
 * <p>One typer serves one upload, on one thread.
 */
public final class ValueTyper {

  private final ValueFormat format;
  private final Optional<IntFunction<RegisteredSchema>> registry;
  private final boolean withoutRegistry;
  private final Optional<JsonInference> inference;
  private final Map<Integer, Lookup> lookups = new HashMap<>();
  private final Map<WriterSchema.Key, Codec> codecs = new LinkedHashMap<>();
  private final ValueStats stats = new ValueStats();
  private Optional<SchemaInference> segmentInference = Optional.empty();
  private Codec inferred;

  /** A typer that keeps values without the registry's framing raw. */
  public ValueTyper(ValueFormat format, Optional<IntFunction<RegisteredSchema>> registry, boolean withoutRegistry) {
    this(format, registry, withoutRegistry, Optional.empty());
  }

  /**
   * @param registry the registry's schemas by id, if a registry is configured
   * @param withoutRegistry whether an unreachable registry keeps values raw instead of failing the upload
   * @param inference the caps of the columns inferred from values without the registry's framing,
   *     if such values are typed: only on topics whose format admits JSON
   */
  public ValueTyper(ValueFormat format, Optional<IntFunction<RegisteredSchema>> registry, boolean withoutRegistry,
      Optional<JsonInference> inference) {
    this.format = format;
    this.registry = registry;
    this.withoutRegistry = withoutRegistry;
    this.inference = format.accepts(SchemaType.JSON) ? inference : Optional.empty();
  }

  /**
   * The writer schemas of the segment's values whose columns they would fill, in the order of their
   * first values, then the schema inferred from its JSON objects without framing: a first pass over
   * the segment, so that the table has their columns before any row is written. Nothing when
   * values are not typed.
   *
   * @throws RegistryUnavailableException or {@link RegistryAuthenticationException} when the registry does not answer
   * @throws io.floe.translator.segment.SegmentFormatException when the segment is damaged
   */
  public List<WriterSchema> scan(Path segmentFile, int partition) {
    if (format == ValueFormat.RAW || (registry.isEmpty() && inference.isEmpty())) {
      return List.of();
    }
    segmentInference = inference.map(SchemaInference::new);
    // Values only: the write pass checks every batch's rebuild, so this one need not.
    try (SegmentTranslator translator = new SegmentTranslator(segmentFile, partition)) {
      while (translator.hasNext()) {
        for (byte[] value : translator.nextValues()) {
          if (value == null) {
            continue;
          }
          if (segmentInference.isPresent() && WireFormat.schemaId(value).isEmpty()) {
            segmentInference.get().add(value);
          } else if (registry.isPresent()) {
            frame(value);
          }
        }
      }
    }
    segmentInference.flatMap(SchemaInference::schema).ifPresent(this::infer);
    return writers();
  }

  /**
   * The writer schemas of {@link #scan}, the one inferred from the segment's JSON objects fitted to
   * a table whose value columns (all but {@code _kafka}) are {@code valueColumns}: past the cap on
   * fields, the table gets no new inferred columns ({@link SchemaInference#schemaFor}).
   */
  public List<WriterSchema> fit(Types.StructType valueColumns) {
    segmentInference.flatMap(inference -> inference.schemaFor(valueColumns)).ifPresent(this::infer);
    return writers();
  }

  private void infer(RegisteredSchema schema) {
    inferred = build(new WriterSchema(schema, List.of()));
    codecs.put(inferred.writer().key(), inferred);
  }

  /**
   * The verdict on one value (null for a tombstone), counted in {@link #stats()} with whether it
   * breaks its writer schema.
   *
   * @throws RegistryUnavailableException or {@link RegistryAuthenticationException} when the registry does not answer
   */
  public ValueVerdict type(byte[] value) {
    ValueVerdict verdict = verdictOf(value);
    stats.count(verdict);
    return verdict;
  }

  /** The writer schemas whose codecs were built, in the order values first used them. */
  public List<WriterSchema> writers() {
    return codecs.values().stream().filter(codec -> codec.codec() != null).map(Codec::writer).toList();
  }

  /** The codec of a writer schema in {@link #writers()}. */
  public ValueCodec codec(WriterSchema.Key writer) {
    return codecs.get(writer).codec();
  }

  public ValueStats stats() {
    return stats;
  }

  private ValueVerdict verdictOf(byte[] value) {
    if (value == null) {
      return ValueVerdict.NONE;
    }
    Framed framed = WireFormat.schemaId(value).isEmpty() && inference.isPresent() ? schemaless(value) : frame(value);
    if (framed.reason() != null) {
      return framed.schemaId().isPresent()
          ? ValueVerdict.raw(framed.schemaId().getAsInt(), framed.messageIndexes(), framed.reason())
          : ValueVerdict.raw(framed.reason());
    }
    DecodedValue decoded;
    try {
      decoded = framed.codec().codec().verify(framed.payload());
    } catch (MalformedValueException e) {
      // Every JSON object of the segment widened the inferred schema: what does not decode is no JSON object.
      return framed.codec() == inferred
          ? ValueVerdict.raw(ValueRawReason.NOT_JSON_OBJECT)
          : ValueVerdict.raw(framed.schemaId().getAsInt(), framed.messageIndexes(), ValueRawReason.MALFORMED);
    }
    if (decoded.breaksSchema()) {
      stats.countSchemaViolation();
    }
    return new ValueVerdict(framed.schemaId(), framed.messageIndexes(), Optional.of(decoded.columns()),
        decoded.exact() ? Optional.empty() : Optional.of(ValueRawReason.NOT_REPRODUCIBLE));
  }

  private Framed frame(byte[] value) {
    if (format == ValueFormat.RAW) {
      return Framed.raw(ValueRawReason.RAW_TOPIC);
    }
    if (registry.isEmpty()) {
      return Framed.raw(ValueRawReason.NO_REGISTRY);
    }
    OptionalInt framedId = WireFormat.schemaId(value);
    if (framedId.isEmpty()) {
      return Framed.raw(ValueRawReason.NO_SCHEMA_ID);
    }
    int schemaId = framedId.getAsInt();
    Lookup lookup = lookups.computeIfAbsent(schemaId, this::lookup);
    if (lookup.schema() == null) {
      return new Framed(OptionalInt.of(schemaId), List.of(), null, null, lookup.reason());
    }
    if (!format.accepts(lookup.schema().type())) {
      return new Framed(OptionalInt.of(schemaId), List.of(), null, null, ValueRawReason.FORMAT_MISMATCH);
    }
    Optional<WireValue> wire = WireFormat.parse(value, lookup.schema().type());
    if (wire.isEmpty()) {
      return Framed.raw(ValueRawReason.NO_SCHEMA_ID);
    }
    WriterSchema.Key key = new WriterSchema.Key(schemaId, wire.get().messageIndexes());
    Codec codec = codecs.computeIfAbsent(key, k -> build(new WriterSchema(lookup.schema(), k.messageIndexes())));
    return new Framed(OptionalInt.of(schemaId), key.messageIndexes(), wire.get().payload(),
        codec.codec() != null ? codec : null, codec.reason());
  }

  /** A value without framing, for the schema inferred from the segment's JSON objects; none was one if there is none. */
  private Framed schemaless(byte[] value) {
    if (inferred == null || inferred.codec() == null) {
      return Framed.raw(inferred == null ? ValueRawReason.NOT_JSON_OBJECT : inferred.reason());
    }
    return new Framed(OptionalInt.of(WriterSchema.INFERRED_ID), List.of(), value, inferred, null);
  }

  private Lookup lookup(int schemaId) {
    try {
      return new Lookup(registry.orElseThrow().apply(schemaId), null);
    } catch (SchemaNotFoundException e) {
      return new Lookup(null, ValueRawReason.UNKNOWN_SCHEMA);
    } catch (InvalidSchemaException e) {
      return new Lookup(null, ValueRawReason.UNSUPPORTED_SCHEMA);
    } catch (RegistryUnavailableException | RegistryAuthenticationException e) {
      if (withoutRegistry) {
        return new Lookup(null, ValueRawReason.REGISTRY_UNAVAILABLE);
      }
      throw e;
    }
  }

  private static Codec build(WriterSchema writer) {
    try {
      return new Codec(writer, ValueCodecs.of(writer), null);
    } catch (UnsupportedSchemaException e) {
      return new Codec(writer, null, ValueRawReason.UNSUPPORTED_SCHEMA);
    } catch (MalformedValueException e) {
      // Message indexes that name no message of the schema: the value's framing is wrong.
      return new Codec(writer, null, ValueRawReason.MALFORMED);
    }
  }

  /** A schema id's answer from the registry: the schema, or why there is none to use. */
  private record Lookup(RegisteredSchema schema, ValueRawReason reason) {}

  /** A writer schema's codec, or why there is none. */
  private record Codec(WriterSchema writer, ValueCodec codec, ValueRawReason reason) {}

  /** A value taken apart: the framing it carries, and its codec or why it has none. */
  private record Framed(OptionalInt schemaId, List<Integer> messageIndexes, byte[] payload, Codec codec,
      ValueRawReason reason) {
    static Framed raw(ValueRawReason reason) {
      return new Framed(OptionalInt.empty(), List.of(), null, null, reason);
    }
  }
}
