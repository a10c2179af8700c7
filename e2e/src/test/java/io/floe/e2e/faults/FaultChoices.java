package io.floe.e2e.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Which requests a faulty proxy faults, and with which kind: a request is faulted at its operation's
 * rate, from a {@link Random} of a given seed, with the kind least injected so far on its operation (ties
 * drawn at random), so that even a short run injects each kind. Requests arrive on many threads, so
 * a seed replays the same choices, not always on the same requests.
 */
final class FaultChoices<K extends Enum<K>, O extends Enum<O>> {
  private final ToDoubleFunction<O> rate;
  private final long seed;
  private final Random random;
  private InjectedFaults<K, O> injected;

  FaultChoices(Class<K> kinds, Class<O> operations, ToDoubleFunction<O> rate, long seed) {
    this.rate = rate;
    this.seed = seed;
    this.random = new Random(seed);
    this.injected = InjectedFaults.none(kinds, operations);
  }

  long seed() {
    return seed;
  }

  synchronized InjectedFaults<K, O> injected() {
    return injected;
  }

  /** Whether to fault a request of {@code operation}, and with which of {@code kinds}; counts the request either way. */
  synchronized Optional<K> decide(O operation, List<K> kinds) {
    K kind = null;
    if (random.nextDouble() < rate.applyAsDouble(operation)) {
      List<K> shuffled = new ArrayList<>(kinds);
      Collections.shuffle(shuffled, random);
      kind = shuffled.stream().min(Comparator.comparingLong(k -> injected.count(k, operation))).orElseThrow();
    }
    injected = injected.plus(operation, kind);
    return Optional.ofNullable(kind);
  }

  @Override
  public String toString() {
    return "seed " + seed;
  }
}
