package io.floe.translator.value.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A finite, non-zero double as Python's {@code repr} and JavaScript's {@code Number.prototype.toString}
 * choose its digits: the fewest that read back as the double, the nearest to it among those: the
 * value is {@code 0.digits × 10^point}. Found here by brute force from the exact value, apart from
 * how Floe finds them.
 */
record ShortestDecimal(String digits, int point) {
  static ShortestDecimal of(double value) {
    double magnitude = Math.abs(value);
    BigDecimal exact = new BigDecimal(magnitude);
    for (int precision = 1; ; precision++) {
      MathContext[] roundings = {new MathContext(precision, RoundingMode.HALF_EVEN),
          new MathContext(precision, RoundingMode.FLOOR), new MathContext(precision, RoundingMode.CEILING)};
      BigDecimal shortest = Stream.of(roundings).map(exact::round)
          .filter(candidate -> candidate.doubleValue() == magnitude)
          .min(Comparator.comparing(candidate -> candidate.subtract(exact).abs()))
          .orElse(null);
      if (shortest != null) {
        BigDecimal stripped = shortest.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        return new ShortestDecimal(digits, digits.length() - stripped.scale());
      }
    }
  }
}
