package io.floe.translator.registry;

/**
 * A {@code schema.registry.*} setting with a value Floe cannot use. It names the key (without
 * the prefix) so that the plugin can report it as a configuration error; it never holds a
 * secret's value.
 */
public final class InvalidRegistrySettingException extends IllegalArgumentException {
  private final String key;
  private final String reason;

  InvalidRegistrySettingException(String key, String reason) {
    this(key, reason, null);
  }

  InvalidRegistrySettingException(String key, String reason, Throwable cause) {
    super("Invalid schema registry setting " + key + ": " + reason, cause);
    this.key = key;
    this.reason = reason;
  }

  /** The key, without the {@code schema.registry.} prefix, e.g. {@code request.timeout.ms}. */
  public String key() {
    return key;
  }

  /** What is wrong with its value. */
  public String reason() {
    return reason;
  }
}
