package io.floe.plugin.topics;

/** A topic matches override entries of one key that give it different values. */
public final class AmbiguousTopicSettingException extends RuntimeException {
  public AmbiguousTopicSettingException(String message) {
    super(message);
  }
}
