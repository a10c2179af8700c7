package io.floe.translator.registry;

/** A password or token: its value goes to the registry and nowhere else, not even into toString. */
public record Secret(String value) {
  @Override
  public String toString() {
    return "[hidden]";
  }
}
