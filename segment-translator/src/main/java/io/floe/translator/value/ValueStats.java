package io.floe.translator.value;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the values of one segment were stored: how many were typed, and how many kept their bytes
 * raw, by reason; and how many broke their writer schema yet got their columns (a JSON {@code null}
 * where the schema admits none), so that the schema's owner can see it. Tombstones and rows of
 * batches kept whole are not values here.
 */
public final class ValueStats {
  private final Map<ValueRawReason, Long> raw = new EnumMap<>(ValueRawReason.class);
  private long typed;
  private long schemaViolations;

  public void count(ValueVerdict verdict) {
    if (verdict.rawReason().isPresent()) {
      raw.merge(verdict.rawReason().get(), 1L, Long::sum);
    } else if (verdict.columns().isPresent()) {
      typed++;
    }
  }

  /** Counts a value that broke its writer schema yet decoded, besides its verdict ({@link #count}). */
  public void countSchemaViolation() {
    schemaViolations++;
  }

  public long values() {
    return typed + rawValues();
  }

  public long typed() {
    return typed;
  }

  public long rawValues() {
    return raw.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The fraction of values whose bytes were kept raw; 0 for a segment without values. */
  public double rawFraction() {
    return values() == 0 ? 0 : (double) rawValues() / values();
  }

  public Map<ValueRawReason, Long> rawByReason() {
    return Map.copyOf(raw);
  }

  /** The values that broke their writer schema, typed or not. */
  public long schemaViolations() {
    return schemaViolations;
  }

  /**
   * E.g. {@code 9800 of 10000 values typed, 200 raw (150 no-schema-id, 50 not-reproducible), 30
   * violating their schema}; the last part only when some do.
   */
  @Override
  public String toString() {
    String reasons = raw.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
        .collect(Collectors.joining(", "));
    return typed + " of " + values() + " values typed, " + rawValues() + " raw" + (reasons.isEmpty() ? "" : " (" + reasons + ")")
        + (schemaViolations == 0 ? "" : ", " + schemaViolations + " violating their schema");
  }
}
