package io.floe.translator.prototext;

import java.util.ArrayList;
import java.util.List;
import kotlin.ranges.IntRange;

/**
 * What a {@code reserved} or {@code extensions} statement lists, as Wire parses it: numbers, ranges
 * of numbers ({@code 5 to 9}, {@code max} already a number) and, for {@code reserved}, names.
 */
final class NumberRanges {
  /** Both ends included, as written. */
  record Range(int first, int last) {}

  private NumberRanges() {}

  static List<Range> ranges(List<Object> values) {
    List<Range> ranges = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof Integer number) {
        ranges.add(new Range(number, number));
      } else if (value instanceof IntRange range) {
        ranges.add(new Range(range.getFirst(), range.getLast()));
      }
    }
    return ranges;
  }

  static List<String> names(List<Object> values) {
    return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
  }
}
