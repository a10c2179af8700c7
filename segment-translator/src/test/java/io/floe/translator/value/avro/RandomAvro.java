package io.floe.translator.value.avro;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Random Avro schemas from a small grammar (every type of the mapping, nested up to three levels,
 * unions of several types, recursive records), and random values for a schema as Avro's generic
 * data model holds them, logical types as their underlying values.
 */
public final class RandomAvro {
  private static final String NAMESPACE = "floe.test";
  private static final int MAX_DEPTH = 3;
  /** Records a value nests before its optional parts are null and its collections empty. */
  private static final int VALUE_DEPTH = 4;
  private static final List<String> LOGICAL_TYPES = List.of("decimal-bytes", "decimal-fixed", "date", "time-millis",
      "time-micros", "timestamp-millis", "timestamp-micros", "local-timestamp-millis", "local-timestamp-micros",
      "timestamp-nanos", "uuid-string", "uuid-fixed");

  private RandomAvro() {}

  /** The shape of a schema; named types get their unique names when it is built. */
  sealed interface Shape {}

  record Primitive(Schema.Type type) implements Shape {}

  /** {@code precision} and {@code scale} matter to decimals only; a precision over 38 has no Iceberg decimal. */
  record Logical(String name, int precision, int scale) implements Shape {}

  record EnumOf(int symbols) implements Shape {}

  record FixedOf(int size) implements Shape {}

  record ArrayOf(Shape element) implements Shape {}

  record MapOf(Shape value) implements Shape {}

  record RecordOf(List<Shape> fields) implements Shape {}

  record Option(Shape value, boolean nullFirst) implements Shape {}

  /** A union of several types, with {@code null} at {@code nullAt} (none when negative). */
  record Union(List<Shape> branches, int nullAt) implements Shape {}

  /** A recursive record: a value and its children ({@code array<Self>}) or next node ({@code [null, Self]}). */
  record Tree(Shape value, boolean children) implements Shape {}

  public static Arbitrary<Schema> schemas() {
    return Arbitraries.frequencyOf(
            Tuple.of(3, shape(MAX_DEPTH - 1).list().ofMinSize(1).ofMaxSize(5).map(RecordOf::new)),
            Tuple.of(1, shape(MAX_DEPTH - 1)))
        .map(shape -> new Builder().build(shape));
  }

  public static Arbitrary<Object> values(Schema schema) {
    return value(schema, VALUE_DEPTH);
  }

  private static Arbitrary<Shape> shape(int depth) {
    Arbitrary<Shape> leaf = Arbitraries.oneOf(
        Arbitraries.of(Schema.Type.BOOLEAN, Schema.Type.INT, Schema.Type.LONG, Schema.Type.FLOAT, Schema.Type.DOUBLE,
            Schema.Type.BYTES, Schema.Type.STRING).map(Primitive::new),
        Combinators.combine(Arbitraries.of(LOGICAL_TYPES), Arbitraries.integers().between(1, 45), Arbitraries.integers().between(0, 45))
            .as((name, precision, scale) -> new Logical(name, precision, Math.min(scale, precision))),
        Arbitraries.integers().between(1, 5).map(EnumOf::new),
        Arbitraries.integers().between(1, 20).map(FixedOf::new));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Shape> inner = Arbitraries.lazy(() -> shape(depth - 1));
    Arbitrary<Shape> branch = inner.filter(shape -> !(shape instanceof Option) && !(shape instanceof Union));
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaf),
        Tuple.of(1, inner.map(ArrayOf::new)),
        Tuple.of(1, inner.map(MapOf::new)),
        Tuple.of(2, inner.list().ofMinSize(1).ofMaxSize(4).map(RecordOf::new)),
        Tuple.of(2, Combinators.combine(branch, Arbitraries.of(true, false)).as(Option::new)),
        Tuple.of(1, Combinators.combine(branch.list().ofMinSize(2).ofMaxSize(4).uniqueElements(RandomAvro::unionKey),
            Arbitraries.integers().between(-1, 4)).as((branches, nullAt) -> new Union(branches, Math.min(nullAt, branches.size())))),
        Tuple.of(1, Combinators.combine(inner, Arbitraries.of(true, false)).as(Tree::new)));
  }

  /** No two branches of a union may share this: the underlying type of an unnamed type. */
  private static Object unionKey(Shape shape) {
    if (shape instanceof Primitive primitive) {
      return primitive.type();
    }
    if (shape instanceof Logical logical && !logical.name().endsWith("fixed")) {
      return new Builder().build(logical).getType();
    }
    if (shape instanceof ArrayOf) {
      return Schema.Type.ARRAY;
    }
    if (shape instanceof MapOf) {
      return Schema.Type.MAP;
    }
    return new Object();
  }

  /** Builds schemas from shapes, naming named types T1, T2, … */
  private static final class Builder {
    private int names;

    Schema build(Shape shape) {
      if (shape instanceof Primitive primitive) {
        return Schema.create(primitive.type());
      }
      if (shape instanceof Logical logical) {
        return logical(logical);
      }
      if (shape instanceof EnumOf enumOf) {
        return Schema.createEnum(name(), null, NAMESPACE,
            IntStream.range(0, enumOf.symbols()).mapToObj(i -> "S" + i).toList());
      }
      if (shape instanceof FixedOf fixed) {
        return Schema.createFixed(name(), null, NAMESPACE, fixed.size());
      }
      if (shape instanceof ArrayOf array) {
        return Schema.createArray(build(array.element()));
      }
      if (shape instanceof MapOf map) {
        return Schema.createMap(build(map.value()));
      }
      if (shape instanceof RecordOf record) {
        List<Schema.Field> fields = new ArrayList<>();
        for (int i = 0; i < record.fields().size(); i++) {
          fields.add(new Schema.Field("f" + i, build(record.fields().get(i))));
        }
        return Schema.createRecord(name(), null, NAMESPACE, false, fields);
      }
      if (shape instanceof Option option) {
        Schema value = build(option.value());
        return option.nullFirst()
            ? Schema.createUnion(Schema.create(Schema.Type.NULL), value)
            : Schema.createUnion(value, Schema.create(Schema.Type.NULL));
      }
      if (shape instanceof Union union) {
        List<Schema> branches = new ArrayList<>(union.branches().stream().map(this::build).toList());
        if (union.nullAt() >= 0) {
          branches.add(union.nullAt(), Schema.create(Schema.Type.NULL));
        }
        return Schema.createUnion(branches);
      }
      Tree tree = (Tree) shape;
      Schema node = Schema.createRecord(name(), null, NAMESPACE, false);
      Schema self = tree.children() ? Schema.createArray(node) : Schema.createUnion(Schema.create(Schema.Type.NULL), node);
      node.setFields(List.of(new Schema.Field("value", build(tree.value())),
          new Schema.Field(tree.children() ? "children" : "next", self)));
      return node;
    }

    private Schema logical(Logical logical) {
      return switch (logical.name()) {
        case "decimal-bytes" -> LogicalTypes.decimal(logical.precision(), logical.scale())
            .addToSchema(Schema.create(Schema.Type.BYTES));
        case "decimal-fixed" -> LogicalTypes.decimal(logical.precision(), logical.scale())
            .addToSchema(Schema.createFixed(name(), null, NAMESPACE, bytesFor(logical.precision())));
        case "date" -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        case "time-millis" -> LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
        case "time-micros" -> LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
        case "timestamp-millis" -> LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        case "timestamp-micros" -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        case "local-timestamp-millis" -> LogicalTypes.localTimestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        case "local-timestamp-micros" -> LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        case "timestamp-nanos" -> LogicalTypes.timestampNanos().addToSchema(Schema.create(Schema.Type.LONG));
        case "uuid-string" -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
        case "uuid-fixed" -> LogicalTypes.uuid().addToSchema(Schema.createFixed(name(), null, NAMESPACE, 16));
        default -> throw new IllegalArgumentException(logical.name());
      };
    }

    private String name() {
      return "T" + ++names;
    }
  }

  private static Arbitrary<Object> value(Schema schema, int depth) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      return logicalValue(schema, logical);
    }
    return switch (schema.getType()) {
      case RECORD -> Combinators.combine(schema.getFields().stream().map(f -> value(f.schema(), depth - 1)).toList())
          .as(values -> {
            GenericData.Record record = new GenericData.Record(schema);
            for (int i = 0; i < values.size(); i++) {
              record.put(i, values.get(i));
            }
            return record;
          });
      case ARRAY -> depth <= 0
          ? Arbitraries.just(List.of())
          : value(schema.getElementType(), depth).list().ofMaxSize(3).map(list -> list);
      case MAP -> depth <= 0
          ? Arbitraries.just(Map.of())
          : Combinators.combine(Arbitraries.strings().ofMaxLength(6), value(schema.getValueType(), depth))
              .as(AbstractMap.SimpleEntry::new).list().ofMaxSize(3).uniqueElements(Map.Entry::getKey)
              .map(RandomAvro::orderedMap);
      case UNION -> depth <= 0 && schema.isNullable()
          ? Arbitraries.just(null)
          : Arbitraries.oneOf(schema.getTypes().stream().map(branch -> value(branch, depth)).toList());
      case ENUM -> Arbitraries.of(schema.getEnumSymbols()).map(symbol -> new GenericData.EnumSymbol(schema, symbol));
      case FIXED -> bytes(schema.getFixedSize()).map(bytes -> new GenericData.Fixed(schema, bytes));
      case STRING -> Arbitraries.strings().ofMaxLength(12).map(s -> s);
      case BYTES -> Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(ByteBuffer::wrap);
      case INT -> Arbitraries.integers().map(i -> i);
      case LONG -> Arbitraries.longs().map(l -> l);
      case FLOAT -> Arbitraries.floats().withStandardSpecialValues().withSpecialValue(-0.0f).map(f -> f);
      case DOUBLE -> Arbitraries.doubles().withStandardSpecialValues().withSpecialValue(-0.0).map(d -> d);
      case BOOLEAN -> Arbitraries.of(true, false).map(b -> b);
      case NULL -> Arbitraries.just(null);
    };
  }

  /** Values in the range of the logical type, as the underlying Avro value. */
  private static Arbitrary<Object> logicalValue(Schema schema, LogicalType logical) {
    return switch (logical.getName()) {
      case "decimal" -> {
        BigInteger max = BigInteger.TEN.pow(((LogicalTypes.Decimal) logical).getPrecision()).subtract(BigInteger.ONE);
        Arbitrary<byte[]> unscaled = Arbitraries.bigIntegers().between(max.negate(), max).map(BigInteger::toByteArray);
        yield schema.getType() == Schema.Type.FIXED
            ? unscaled.map(bytes -> new GenericData.Fixed(schema, signExtended(bytes, schema.getFixedSize())))
            : unscaled.map(ByteBuffer::wrap);
      }
      case "date" -> Arbitraries.integers().map(i -> i);
      case "time-millis" -> Arbitraries.integers().between(0, 86_399_999).map(i -> i);
      case "time-micros" -> Arbitraries.longs().between(0, 86_399_999_999L).map(l -> l);
      case "timestamp-millis", "local-timestamp-millis" ->
          Arbitraries.longs().between(-Long.MAX_VALUE / 1000, Long.MAX_VALUE / 1000).map(l -> l);
      case "uuid" -> schema.getType() == Schema.Type.STRING
          ? Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((high, low) -> new UUID(high, low).toString())
          : bytes(16).map(bytes -> new GenericData.Fixed(schema, bytes));
      default -> Arbitraries.longs().map(l -> l);
    };
  }

  private static Arbitrary<byte[]> bytes(int size) {
    return Arbitraries.bytes().array(byte[].class).ofSize(size);
  }

  private static Map<String, Object> orderedMap(List<AbstractMap.SimpleEntry<String, Object>> entries) {
    Map<String, Object> map = new LinkedHashMap<>();
    entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
    return map;
  }

  /** The fewest bytes that hold every unscaled value of {@code precision} digits, with its sign. */
  static int bytesFor(int precision) {
    return (BigInteger.TEN.pow(precision).bitLength() + 1 + 7) / 8;
  }

  static byte[] signExtended(byte[] twosComplement, int size) {
    byte[] fixed = new byte[size];
    byte fill = twosComplement[0] < 0 ? (byte) -1 : 0;
    for (int i = 0; i < size - twosComplement.length; i++) {
      fixed[i] = fill;
    }
    System.arraycopy(twosComplement, 0, fixed, size - twosComplement.length, twosComplement.length);
    return fixed;
  }
}
