package io.floe.translator.value.json;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How a JSON writer writes text the columns do not fix: its spacing, its string escapes and its numbers. */
record TextStyle(Layout layout, Escapes escapes, NumberForm numbers) {
  /** What a default {@code ObjectMapper} writes: the style a value has when its shape stores none. */
  static final TextStyle JACKSON = new TextStyle(Layout.COMPACT, Escapes.JACKSON, NumberForm.JAVA);

  private static final Map<Layout, List<TextStyle>> CANDIDATES = new EnumMap<>(Map.of(
      Layout.COMPACT, writers(Layout.COMPACT), Layout.SPACED, writers(Layout.SPACED)));

  /** The styles of the writers Floe knows, with {@code layout}, in the order a value is tried against them. */
  static List<TextStyle> candidates(Layout layout) {
    return CANDIDATES.get(layout);
  }

  private static List<TextStyle> writers(Layout layout) {
    return List.of(
        new TextStyle(layout, Escapes.JACKSON, NumberForm.JAVA),
        new TextStyle(layout, Escapes.ASCII, NumberForm.PYTHON),
        new TextStyle(layout, Escapes.MINIMAL, NumberForm.JAVASCRIPT),
        new TextStyle(layout, Escapes.MINIMAL, NumberForm.PYTHON));
  }
}
