package io.floe.translator.table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Writer structs from a small grammar, and records of them. Few names and a few primitives that
 * widen into each other or clash make two random structs an evolution pair more often than not.
 */
final class RandomStructs {
  private static final List<Type> PRIMITIVES = List.of(Types.IntegerType.get(), Types.LongType.get(),
      Types.FloatType.get(), Types.DoubleType.get(), Types.StringType.get(), Types.DecimalType.of(9, 2),
      Types.DecimalType.of(12, 2), Types.DecimalType.of(9, 3));
  private static final List<Type> KEYS = List.of(Types.StringType.get(), Types.IntegerType.get(), Types.LongType.get());

  private RandomStructs() {}

  /** A struct of one to three fields, nested at most two levels, numbered 1..n as a codec numbers them. */
  static Arbitrary<Types.StructType> structs() {
    return struct(2).map(type -> {
      AtomicInteger id = new AtomicInteger();
      return TypeUtil.assignFreshIds(type, id::incrementAndGet).asStructType();
    });
  }

  /** A record of {@code struct}. */
  static Arbitrary<Record> records(Types.StructType struct) {
    List<Arbitrary<Object>> fields = new ArrayList<>();
    for (NestedField field : struct.fields()) {
      Arbitrary<Object> value = value(field.type());
      fields.add(field.isOptional() ? value.injectNull(0.2) : value);
    }
    return Combinators.combine(fields).as(values -> {
      Record record = GenericRecord.create(struct);
      for (int i = 0; i < values.size(); i++) {
        record.set(i, values.get(i));
      }
      return record;
    });
  }

  private static Arbitrary<Type> type(int depth) {
    Arbitrary<Type> primitive = Arbitraries.of(PRIMITIVES);
    if (depth == 0) {
      return primitive;
    }
    return Arbitraries.frequencyOf(
        Tuple.of(4, primitive),
        Tuple.of(1, struct(depth - 1).map(Type.class::cast)),
        Tuple.of(1, Combinators.combine(type(depth - 1), Arbitraries.of(true, false))
            .as((element, optional) -> optional ? Types.ListType.ofOptional(0, element) : Types.ListType.ofRequired(0, element))),
        Tuple.of(1, Combinators.combine(Arbitraries.of(KEYS), type(depth - 1), Arbitraries.of(true, false))
            .as((key, value, optional) -> optional ? Types.MapType.ofOptional(0, 0, key, value) : Types.MapType.ofRequired(0, 0, key, value))));
  }

  private static Arbitrary<Types.StructType> struct(int depth) {
    return Arbitraries.of("a", "b", "c").list().uniqueElements().ofMinSize(1).ofMaxSize(3).flatMap(names -> {
      List<Arbitrary<NestedField>> fields = names.stream()
          .map(name -> Combinators.combine(type(depth), Arbitraries.of(true, false))
              .as((type, optional) -> NestedField.of(0, optional, name, type)))
          .toList();
      return Combinators.combine(fields).as(Types.StructType::of);
    });
  }

  private static Arbitrary<Object> value(Type type) {
    return switch (type.typeId()) {
      case INTEGER -> Arbitraries.integers().map(Object.class::cast);
      case LONG -> Arbitraries.longs().map(Object.class::cast);
      case FLOAT -> Arbitraries.floats().map(Object.class::cast);
      case DOUBLE -> Arbitraries.doubles().map(Object.class::cast);
      case STRING -> Arbitraries.strings().ofMaxLength(4).map(Object.class::cast);
      case DECIMAL -> decimals((Types.DecimalType) type);
      case STRUCT -> records(type.asStructType()).map(Object.class::cast);
      case LIST -> {
        Types.ListType list = type.asListType();
        Arbitrary<Object> element = value(list.elementType());
        yield (list.isElementOptional() ? element.injectNull(0.2) : element).list().ofMaxSize(3).map(Object.class::cast);
      }
      case MAP -> {
        Types.MapType map = type.asMapType();
        Arbitrary<Object> entryValue = value(map.valueType());
        yield Arbitraries.maps(value(map.keyType()), map.isValueOptional() ? entryValue.injectNull(0.2) : entryValue)
            .ofMaxSize(3)
            .map(entries -> (Object) new LinkedHashMap<>(entries));
      }
      default -> throw new IllegalArgumentException("No values of " + type + " in this grammar");
    };
  }

  private static Arbitrary<Object> decimals(Types.DecimalType type) {
    long bound = BigDecimal.TEN.pow(type.precision()).longValueExact() - 1;
    return Arbitraries.longs().between(-bound, bound).map(unscaled -> BigDecimal.valueOf(unscaled, type.scale()));
  }
}
