package io.floe.e2e.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Takes records one by one, in log order, into a {@link Fingerprint}. */
final class Fingerprinter {
  private static final int NULL_LENGTH = -1;

  private final MessageDigest sha256;
  private long records;
  private long keyValueBytes;

  Fingerprinter() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot fingerprint records: this JVM has no SHA-256", e);
    }
  }

  void add(byte[] key, byte[] value) {
    records++;
    addField(key);
    addField(value);
  }

  Fingerprint fingerprint() {
    return new Fingerprint(records, keyValueBytes, HexFormat.of().formatHex(sha256.digest()));
  }

  /** Each field is hashed behind its length, so that bytes cannot move between fields unnoticed. */
  private void addField(byte[] field) {
    int length = field == null ? NULL_LENGTH : field.length;
    sha256.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    if (field != null) {
      sha256.update(field);
      keyValueBytes += field.length;
    }
  }
}
