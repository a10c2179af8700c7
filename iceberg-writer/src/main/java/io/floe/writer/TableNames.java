package io.floe.writer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Table names for topics. A topic already made of {@code [a-z0-9_]} keeps its name; any other is
 * lowercased, its other characters become {@code _}, and {@code _} plus the first 8 hex digits of
 * the SHA-256 of the topic name are appended, so that {@code Orders.v1} and {@code orders_v1} (or
 * {@code orders-v1}) never share a table, and the name stays readable in SQL.
 */
public final class TableNames {
  private static final Pattern PLAIN = Pattern.compile("[a-z0-9_]+");
  private static final Pattern OTHER = Pattern.compile("[^a-z0-9_]");

  private TableNames() {}

  public static String forTopic(String topic) {
    if (PLAIN.matcher(topic).matches()) {
      return topic;
    }
    String readable = OTHER.matcher(topic.toLowerCase(Locale.ROOT)).replaceAll("_");
    return readable + "_" + HexFormat.of().formatHex(sha256(topic), 0, 4);
  }

  private static byte[] sha256(String topic) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(topic.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
