package io.floe.translator.value.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random JSON schemas from a small grammar (every type of the mapping, nested up to three levels,
 * nullable parts written both ways generators write them, unions of several types, a recursive
 * object), and random Java values of a schema as a producer would hand them to Jackson.
 */
public final class RandomJson {
  private static final int MAX_DEPTH = 3;

  private RandomJson() {}

  /** A part of a schema: its JSON text, and the Java values a producer holds for it. */
  public interface Shape {
    String schema();

    Arbitrary<Object> javaValues();
  }

  enum Scalar implements Shape {
    STRING("{\"type\": \"string\"}"),
    LONG("{\"type\": \"integer\"}"),
    INT("{\"type\": \"integer\", \"connect.type\": \"int32\"}"),
    DOUBLE("{\"type\": \"number\"}"),
    FLOAT("{\"type\": \"number\", \"connect.type\": \"float32\"}"),
    BOOLEAN("{\"type\": \"boolean\"}"),
    DATE("{\"type\": \"string\", \"format\": \"date\"}"),
    DATE_TIME("{\"type\": \"string\", \"format\": \"date-time\"}"),
    UUID("{\"type\": \"string\", \"format\": \"uuid\"}"),
    BYTES("{\"type\": \"string\", \"connect.type\": \"bytes\"}"),
    ENUM("{\"enum\": [\"RED\", \"GREEN\", \"BLUE\"]}"),
    ANY("{}");

    private final String schema;

    Scalar(String schema) {
      this.schema = schema;
    }

    @Override
    public String schema() {
      return schema;
    }

    @Override
    public Arbitrary<Object> javaValues() {
      return switch (this) {
        case STRING -> strings().map(s -> s);
        case LONG -> Arbitraries.longs().map(l -> l);
        case INT -> Arbitraries.integers().map(i -> i);
        case DOUBLE -> Arbitraries.doubles().filter(Double::isFinite).map(d -> d);
        case FLOAT -> Arbitraries.floats().filter(Float::isFinite).map(f -> f);
        case BOOLEAN -> Arbitraries.of(true, false).map(b -> b);
        case DATE -> Arbitraries.longs().between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
            .map(day -> LocalDate.ofEpochDay(day).toString());
        case DATE_TIME -> Arbitraries.longs().between(-62_135_596_800_000_000L, 253_402_300_799_999_999L)
            .map(micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString());
        case UUID -> Arbitraries.randomValue(random -> new java.util.UUID(random.nextLong(), random.nextLong())).map(u -> u);
        case BYTES -> Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(b -> b);
        case ENUM -> Arbitraries.of("RED", "GREEN", "BLUE").map(s -> s);
        case ANY -> json(2);
      };
    }
  }

  record ArrayOf(Shape items) implements Shape {
    @Override
    public String schema() {
      return "{\"type\": \"array\", \"items\": " + items.schema() + "}";
    }

    @Override
    public Arbitrary<Object> javaValues() {
      return items.javaValues().list().ofMaxSize(3).map(list -> list);
    }
  }

  record MapOf(Shape value) implements Shape {
    @Override
    public String schema() {
      return "{\"type\": \"object\", \"additionalProperties\": " + value.schema() + "}";
    }

    @Override
    public Arbitrary<Object> javaValues() {
      return Arbitraries.maps(Arbitraries.of("a", "b", "zz", "ä"), value.javaValues()).ofMaxSize(3)
          .map(map -> new LinkedHashMap<>(map));
    }
  }

  record ObjectOf(List<Shape> properties) implements Shape {
    @Override
    public String schema() {
      return IntStream.range(0, properties.size())
          .mapToObj(i -> "\"f" + i + "\": " + properties.get(i).schema())
          .collect(Collectors.joining(", ", "{\"type\": \"object\", \"properties\": {", "}}"));
    }

    @Override
    public Arbitrary<Object> javaValues() {
      return Combinators.combine(properties.stream().map(Shape::javaValues).toList()).as(values -> {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
          object.put("f" + i, values.get(i));
        }
        return object;
      });
    }
  }

  /** {@code null} or a value, as Confluent's generator ({@code oneOf}) or by hand ({@code anyOf}, null last) writes it. */
  record Nullable(Shape value, boolean generated) implements Shape {
    @Override
    public String schema() {
      return generated
          ? "{\"oneOf\": [{\"type\": \"null\", \"title\": \"Not included\"}, " + value.schema() + "]}"
          : "{\"anyOf\": [" + value.schema() + ", {\"type\": \"null\"}]}";
    }

    @Override
    public Arbitrary<Object> javaValues() {
      return value.javaValues().injectNull(0.3);
    }
  }

  /** Branches of distinct JSON types, so that a value's own branch is the first that reads it. */
  record Union(List<Shape> branches) implements Shape {
    @Override
    public String schema() {
      return branches.stream().map(Shape::schema).collect(Collectors.joining(", ", "{\"oneOf\": [", "]}"));
    }

    @Override
    public Arbitrary<Object> javaValues() {
      return Arbitraries.oneOf(branches.stream().map(Shape::javaValues).toList());
    }
  }

  /** An object whose children are objects of the whole schema: a recursion, at the top only. */
  record Tree(Shape value) implements Shape {
    @Override
    public String schema() {
      return "{\"type\": \"object\", \"properties\": {\"value\": " + value.schema()
          + ", \"children\": {\"type\": \"array\", \"items\": {\"$ref\": \"#\"}}}}";
    }

    @Override
    public Arbitrary<Object> javaValues() {
      return node(2);
    }

    private Arbitrary<Object> node(int depth) {
      Arbitrary<List<Object>> children = depth == 0 ? Arbitraries.just(List.of()) : node(depth - 1).list().ofMaxSize(2);
      return Combinators.combine(value.javaValues(), children).as((v, c) -> {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("value", v);
        node.put("children", c);
        return node;
      });
    }
  }

  public static Arbitrary<Shape> schemas() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, shape(MAX_DEPTH - 1).list().ofMinSize(1).ofMaxSize(5).map(ObjectOf::new)),
        Tuple.of(1, shape(MAX_DEPTH - 1)),
        Tuple.of(1, shape(1).map(Tree::new)));
  }

  private static Arbitrary<Shape> shape(int depth) {
    Arbitrary<Shape> leaf = Arbitraries.of(Scalar.class).map(scalar -> scalar);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Shape> inner = Arbitraries.lazy(() -> shape(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaf),
        Tuple.of(1, inner.map(ArrayOf::new)),
        Tuple.of(1, inner.map(MapOf::new)),
        Tuple.of(2, inner.list().ofMinSize(1).ofMaxSize(4).map(ObjectOf::new)),
        Tuple.of(2, Combinators.combine(inner.filter(shape -> !(shape instanceof Nullable) && shape != Scalar.ANY),
            Arbitraries.of(true, false)).as(Nullable::new)),
        Tuple.of(1, Arbitraries.subsetOf(Scalar.LONG, Scalar.STRING, Scalar.BOOLEAN, new ArrayOf(Scalar.LONG),
                new ObjectOf(List.of(Scalar.STRING)))
            .ofMinSize(2).map(branches -> new Union(List.copyOf(branches)))));
  }

  private static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ascii().ofMaxLength(8),
        Arbitraries.strings().withChars("é☕\u2028\u0000\"\\/\n<>&").ofMaxLength(4),
        Arbitraries.of("𝄞", "naïve ☕", ""));
  }

  /** Any JSON value of strings, longs, doubles, booleans, nulls, lists and maps, nested up to {@code depth}. */
  private static Arbitrary<Object> json(int depth) {
    Arbitrary<Object> leaf = Arbitraries.<Object>oneOf(strings().map(s -> s), Arbitraries.longs().map(l -> l),
        Arbitraries.doubles().filter(Double::isFinite).map(d -> d), Arbitraries.of(true, false).map(b -> b)).injectNull(0.1);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> json(depth - 1));
    return Arbitraries.oneOf(leaf, inner.list().ofMaxSize(3).map(list -> list),
        Arbitraries.maps(Arbitraries.of("x", "y"), inner).ofMaxSize(2).map(map -> new LinkedHashMap<>(map)));
  }
}
