package io.floe.translator.value.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random JSON Schemas as producers register them (objects with nested objects and arrays,
 * required and optional properties, some admitting {@code null}; strings, integers, numbers,
 * booleans, enums), and values of them as producers hold them: properties left unset, an
 * occasional property beyond the schema's; strings with non-ASCII text, quotes, backslashes and
 * control characters; numbers fractional, whole and integer, small and huge.
 */
final class ProducedJson {
  private static final int MAX_DEPTH = 3;

  private ProducedJson() {}

  /** A property a producer's value leaves unset: each {@link Producer} writes it its own way. */
  enum Unset { UNSET }

  record Scalar(String schema, Arbitrary<Object> javaValues) implements RandomJson.Shape {}

  record Property(String name, RandomJson.Shape part, boolean required, boolean nullable) {
    String schema() {
      return nullable ? "{\"oneOf\": [{\"type\": \"null\"}, " + part.schema() + "]}" : part.schema();
    }

    Arbitrary<Object> values() {
      Arbitrary<Object> values = nullable ? part.javaValues().injectNull(0.15) : part.javaValues();
      return required ? values : Arbitraries.frequencyOf(Tuple.of(4, values), Tuple.of(1, Arbitraries.just(Unset.UNSET)));
    }
  }

  record ObjectOf(List<Property> properties) implements RandomJson.Shape {
    @Override
    public String schema() {
      String required = properties.stream().filter(Property::required).map(p -> "\"" + p.name() + "\"")
          .collect(Collectors.joining(", ", "[", "]"));
      return properties.stream().map(p -> "\"" + p.name() + "\": " + p.schema())
          .collect(Collectors.joining(", ", "{\"type\": \"object\", \"required\": " + required + ", \"properties\": {", "}}"));
    }

    @Override
    public Arbitrary<Object> javaValues() {
      Arbitrary<Map<String, Object>> objects = Combinators.combine(properties.stream().map(Property::values).toList()).as(values -> {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
          object.put(properties.get(i).name(), values.get(i));
        }
        return object;
      });
      // Now and then a property the schema does not name, somewhere among the others.
      return Combinators.combine(objects, extra().injectNull(0.9), Arbitraries.integers().between(0, properties.size()))
          .as((object, extra, at) -> extra == null ? object : inserted(object, at, extra));
    }

    private static Map<String, Object> inserted(Map<String, Object> object, int at, Object extra) {
      List<Map.Entry<String, Object>> entries = new ArrayList<>(object.entrySet());
      entries.add(at, Map.entry("_extra", extra));
      Map<String, Object> with = new LinkedHashMap<>();
      entries.forEach(entry -> with.put(entry.getKey(), entry.getValue()));
      return with;
    }
  }

  /** A root object schema, its parts {@link RandomJson.Shape}s as {@link RandomJson}'s are. */
  static Arbitrary<ObjectOf> schemas() {
    return object(MAX_DEPTH);
  }

  private static Arbitrary<ObjectOf> object(int depth) {
    Arbitrary<RandomJson.Shape> parts = part(depth - 1);
    // A required property is never null: a producer that leaves nulls out would write values its own schema rejects.
    Arbitrary<Property> properties = Combinators.combine(parts, Arbitraries.of(true, false), Arbitraries.of(true, false, false))
        .as((part, required, nullable) -> new Property("", part, required, nullable && !required));
    return properties.list().ofMinSize(1).ofMaxSize(6).map(list -> {
      List<Property> named = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Property p = list.get(i);
        // Names in another script too: Python escapes them.
        named.add(new Property((i == 3 ? "größe" : "p") + i, p.part(), p.required(), p.nullable()));
      }
      return new ObjectOf(named);
    });
  }

  private static Arbitrary<RandomJson.Shape> part(int depth) {
    Arbitrary<RandomJson.Shape> scalars = Arbitraries.oneOf(
        Arbitraries.just(new Scalar("{\"type\": \"string\"}", strings())),
        Arbitraries.just(new Scalar("{\"type\": \"integer\"}", integers())),
        Arbitraries.just(new Scalar("{\"type\": \"number\"}", numbers())),
        Arbitraries.just(new Scalar("{\"type\": \"boolean\"}", Arbitraries.of(true, false).map(b -> b))),
        Arbitraries.just(new Scalar("{\"type\": \"string\", \"enum\": [\"RED\", \"GREEN\", \"naïve ☕\"]}",
            Arbitraries.of("RED", "GREEN", "naïve ☕").map(s -> s))));
    if (depth == 0) {
      return scalars;
    }
    return Arbitraries.frequencyOf(
        Tuple.of(5, scalars),
        Tuple.of(1, Arbitraries.lazy(() -> part(depth - 1)).map(RandomJson.ArrayOf::new)),
        Tuple.of(1, Arbitraries.lazy(() -> object(depth)).map(object -> object)));
  }

  /** What a property beyond the schema holds: any JSON value, a little nested. */
  private static Arbitrary<Object> extra() {
    Arbitrary<Object> leaf = Arbitraries.oneOf(strings(), integers(), numbers(), Arbitraries.of(true, false).map(b -> b));
    return Arbitraries.oneOf(leaf, leaf.list().ofMaxSize(2).map(list -> list),
        Arbitraries.maps(Arbitraries.of("app", "v"), leaf).ofMaxSize(2).map(map -> new LinkedHashMap<>(map)));
  }

  private static Arbitrary<Object> strings() {
    return Arbitraries.of("a", "Z", "0", " ", "é", "ß", "☕", "𝄞", "日本", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f",
        "\u0000", "\u0001", "\u001f", "\u007f", "\u2028", "<", "'").list().ofMaxSize(8).map(parts -> String.join("", parts));
  }

  private static Arbitrary<Object> integers() {
    return Arbitraries.oneOf(Arbitraries.longs().between(-1000, 1000),
        // JavaScript holds integers as doubles: exact up to 2^53.
        Arbitraries.longs().between(-(1L << 53), 1L << 53)).map(n -> n);
  }

  /** Fractions, whole doubles, and integers as a producer's {@code int} field or Python {@code int} holds them. */
  private static Arbitrary<Object> numbers() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.doubles().filter(Double::isFinite).map(d -> d)),
        Tuple.of(3, Arbitraries.bigDecimals().between(java.math.BigDecimal.valueOf(-10_000), java.math.BigDecimal.valueOf(10_000))
            .ofScale(2).map(price -> price.doubleValue())),
        Tuple.of(1, Arbitraries.integers().between(-1000, 1000).map(n -> (double) n)),
        Tuple.of(1, Arbitraries.longs().between(-1000, 1000).map(n -> n)),
        Tuple.of(1, Arbitraries.integers().between(-300, 300).map(exponent -> Math.pow(10, exponent))));
  }
}
