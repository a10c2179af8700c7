package io.floe.translator.value.json;

import java.util.BitSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Collects a value's {@link TextShape} while its columns are read, in the order its text has
 * objects and numbers, and counts the {@code null}s its schema does not admit. A union that tries a
 * branch which does not read the value takes back what the branch recorded.
 */
final class ShapeRecorder {
  /** How far a recorder had got: what {@link #reset} returns it to. */
  record Mark(int objects, int numbers, int violations) {}

  private final SortedMap<Integer, List<Member>> members = new TreeMap<>();
  private final BitSet integral = new BitSet();
  private int objects;
  private int numbers;
  private int violations;

  /** The ordinal of the next object. */
  int object() {
    return objects++;
  }

  /** The object at {@code ordinal} does not have its schema's properties in schema order, but these. */
  void members(int ordinal, List<Member> objectMembers) {
    members.put(ordinal, objectMembers);
  }

  /** The ordinal of the next number of a {@code number} column. */
  int number() {
    return numbers++;
  }

  /** The number at {@code ordinal} was written as an integer. */
  void integral(int ordinal) {
    integral.set(ordinal);
  }

  /** A property is {@code null} where its schema admits no null. */
  void violation() {
    violations++;
  }

  int violations() {
    return violations;
  }

  Mark mark() {
    return new Mark(objects, numbers, violations);
  }

  void reset(Mark mark) {
    members.tailMap(mark.objects()).clear();
    integral.clear(mark.numbers(), Math.max(mark.numbers(), numbers));
    objects = mark.objects();
    numbers = mark.numbers();
    violations = mark.violations();
  }

  /** The shape recorded, in {@code style}. */
  TextShape shape(TextStyle style) {
    return members.isEmpty() && integral.isEmpty() && style.equals(TextStyle.JACKSON)
        ? TextShape.NONE
        : new TextShape(style, members, integral);
  }
}
