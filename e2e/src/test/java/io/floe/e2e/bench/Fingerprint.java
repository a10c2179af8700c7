package io.floe.e2e.bench;

/**
 * What a run of records adds up to, in log order: how many, their key and value bytes, and a
 * SHA-256 of those bytes. Two runs with equal fingerprints hold the same keys and values in the
 * same order.
 */
record Fingerprint(long records, long keyValueBytes, String sha256) {

  @Override
  public String toString() {
    return String.format("%,d records, %,d bytes of keys and values, SHA-256 %s", records, keyValueBytes, sha256);
  }
}
