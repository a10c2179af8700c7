package io.floe.plugin.tool;

/** File locations compared as one: {@code file:///a}, {@code file:/a} and {@code /a} name the same local file. */
final class Locations {
  private Locations() {}

  static String canonical(String location) {
    if (location.startsWith("file:///")) {
      return location.substring("file://".length());
    }
    if (location.startsWith("file:/")) {
      return location.substring("file:".length());
    }
    return location;
  }
}
