package io.floe.translator.value.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random schemaless JSON topics: a topic's fields, each of one kind (scalars, nested objects,
 * arrays, any JSON), and documents that gain the topic's fields over time, leave some out, write
 * some {@code null}, and now and then write a field with another kind than its own; written by one
 * of the {@link Producer}s, among values no inference can type (other JSON, not JSON, invalid UTF-8,
 * duplicate keys, nesting beyond any cap, numbers beyond a double).
 */
final class SchemalessDocuments {
  private static final int MAX_DEPTH = 3;
  private static final List<String> NAMES = List.of("id", "name", "price", "tags", "user", "ts", "ok", "ä", "x y", "_json_shape");

  private SchemalessDocuments() {}

  /** One value of a topic: its bytes, and whether it is a JSON object a known producer wrote. */
  record Value(byte[] bytes, boolean document) {
    @Override
    public String toString() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The values of one segment of a random topic, in segment order. */
  static Arbitrary<List<Value>> segments() {
    return fields(MAX_DEPTH).flatMap(fields -> Combinators.combine(
        Arbitraries.of(Producer.values()),
        Arbitraries.integers().between(1, 40),
        Arbitraries.integers().between(0, Integer.MAX_VALUE)).flatAs((producer, count, salt) ->
        documents(fields, count).flatMap(documents -> odd().list().ofMaxSize(count / 5 + 1).map(odd -> {
          List<Value> values = new ArrayList<>();
          documents.forEach(document -> values.add(new Value(producer.write(document), true)));
          for (int i = 0; i < odd.size(); i++) {
            values.add(Math.floorMod(salt + i * 7, values.size() + 1), odd.get(i));
          }
          return values;
        }))));
  }

  /** A topic's fields: names, each with the values of its kind. */
  private static Arbitrary<Map<String, Arbitrary<Object>>> fields(int depth) {
    return Arbitraries.subsetOf(NAMES).ofMinSize(1).flatMap(names -> {
      List<String> ordered = NAMES.stream().filter(names::contains).toList();
      return Combinators.combine(ordered.stream().map(name -> kind(depth)).toList()).as(kinds -> {
        Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
          fields.put(ordered.get(i), kinds.get(i));
        }
        return fields;
      });
    });
  }

  /** The values of one kind of field. */
  private static Arbitrary<Arbitrary<Object>> kind(int depth) {
    List<Arbitrary<Arbitrary<Object>>> kinds = new ArrayList<>(List.of(
        Arbitraries.just(strings()),
        Arbitraries.just(Arbitraries.longs().map(l -> l)),
        Arbitraries.just(Arbitraries.integers().between(-1000, 1000).map(i -> (long) i)),
        Arbitraries.just(Arbitraries.doubles().filter(Double::isFinite).map(d -> d)),
        // Numbers as JavaScript and Python producers write them: whole ones without a fraction.
        Arbitraries.just(Arbitraries.oneOf(Arbitraries.integers().between(-1000, 1000).map(i -> (long) i),
            Arbitraries.doubles().between(-1000, 1000).ofScale(2).map(d -> d.doubleValue()))),
        Arbitraries.just(Arbitraries.of(true, false).map(b -> b))));
    if (depth > 0) {
      kinds.add(kind(depth - 1).map(items -> items.list().ofMaxSize(3).map(list -> list)));
      kinds.add(fields(depth - 1).map(fields -> object(fields, Integer.MAX_VALUE)));
    }
    return Arbitraries.oneOf(kinds);
  }

  /** Documents that have more of the topic's fields the later they come. */
  private static Arbitrary<List<Object>> documents(Map<String, Arbitrary<Object>> fields, int count) {
    List<Arbitrary<Object>> documents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      documents.add(object(fields, 1 + i / 4));
    }
    return Combinators.combine(documents).as(list -> list);
  }

  /** An object of the first {@code known} fields, each left out, null, of another kind now and then. */
  private static Arbitrary<Object> object(Map<String, Arbitrary<Object>> fields, int known) {
    List<String> names = fields.keySet().stream().limit(known).toList();
    List<Arbitrary<Object>> values = names.stream().map(name -> Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(80, fields.get(name)),
        net.jqwik.api.Tuple.of(8, Arbitraries.just(ProducedJson.Unset.UNSET)),
        net.jqwik.api.Tuple.of(8, Arbitraries.just(null)),
        net.jqwik.api.Tuple.of(4, strings()))).toList();
    return Combinators.combine(values).as(list -> {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        object.put(names.get(i), list.get(i));
      }
      return object;
    });
  }

  private static Arbitrary<Object> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ascii().ofMaxLength(8),
        Arbitraries.strings().withChars("é☕\u2028\u0000\"\\/\n<>&").ofMaxLength(4),
        Arbitraries.of("𝄞", "naïve ☕", "")).map(s -> s);
  }

  /** Values no producer's documents: other JSON, JSON no style re-writes, and bytes that are no JSON. */
  private static Arbitrary<Value> odd() {
    Arbitrary<Value> texts = Arbitraries.of(
        "[1,2]", "42", "\"text\"", "null", "true", "", "not json", "{\"a\":1} {}", "{\"a\":",
        "{\"a\":1,\"a\":2}", "{ \"a\" : 1 }", "{\n  \"a\": 1\n}", "{\"n\":123456789012345678901234567890}",
        "{\"d\":0.1000000000000000055511151231257827}", "{\"d\":1e400}", "{\"a\":1.50}", "{\"s\":\"\\ud800\"}",
        "{\"deep\":" + "[".repeat(40) + "]".repeat(40) + "}", "{\"deeper\":" + "[".repeat(1200) + "]".repeat(1200) + "}")
        .map(text -> new Value(text.getBytes(StandardCharsets.UTF_8), false));
    Value invalidUtf8 = new Value(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}, false);
    return Arbitraries.oneOf(texts, Arbitraries.just(invalidUtf8));
  }
}
