package io.floe.translator.value.json;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a value's JSON text holds beyond its columns, so that its exact bytes can be written again:
 * the writer's style, the members of each object whose text does not have exactly its schema's
 * properties in schema order (a property left out, one beyond the schema's, another order), and
 * which numbers of {@code number} columns were written as integers. Objects and numbers are
 * counted in the order the text has them, from 0.
 */
record TextShape(TextStyle style, SortedMap<Integer, List<Member>> objects, BitSet integralNumbers) {
  /** The shape of what a default {@code ObjectMapper} writes from the columns: stored as null. */
  static final TextShape NONE = new TextShape(TextStyle.JACKSON, new TreeMap<>(), new BitSet());

  TextShape {
    objects = new TreeMap<>(objects);
    objects.replaceAll((ordinal, members) -> List.copyOf(members));
    integralNumbers = (BitSet) integralNumbers.clone();
  }

  boolean isNone() {
    return equals(NONE);
  }

  /** The members of the object at {@code ordinal}, unless it has its schema's properties in schema order. */
  Optional<List<Member>> members(int ordinal) {
    return Optional.ofNullable(objects.get(ordinal));
  }

  boolean integral(int number) {
    return integralNumbers.get(number);
  }

  @Override
  public SortedMap<Integer, List<Member>> objects() {
    return new TreeMap<>(objects);
  }

  @Override
  public BitSet integralNumbers() {
    return (BitSet) integralNumbers.clone();
  }
}
