package io.floe.e2e.faults;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a faulty proxy saw up to some moment: the requests of each operation, and the faults it
 * injected by kind and operation.
 *
 * @param <K> the kinds of fault ({@link FaultKind} for the object store, {@link CatalogFault} for the catalog)
 * @param <O> the operations requests are told apart by ({@link StoreOperation}, {@link CatalogOperation})
 */
public record InjectedFaults<K extends Enum<K>, O extends Enum<O>>(Class<K> kinds, Class<O> operations,
    Map<O, Long> requests, Map<K, Map<O, Long>> faults) {
  public InjectedFaults {
    requests = Map.copyOf(requests);
    faults = faults.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
  }

  /** Nothing yet. */
  public static <K extends Enum<K>, O extends Enum<O>> InjectedFaults<K, O> none(Class<K> kinds, Class<O> operations) {
    return new InjectedFaults<>(kinds, operations, Map.of(), Map.of());
  }

  /** This count with one more request of {@code operation}, faulted by {@code kind} if not null. */
  InjectedFaults<K, O> plus(O operation, K kind) {
    Map<O, Long> moreRequests = new EnumMap<>(operations);
    moreRequests.putAll(requests);
    moreRequests.merge(operation, 1L, Long::sum);
    Map<K, Map<O, Long>> moreFaults = new EnumMap<>(kinds);
    faults.forEach((k, byOperation) -> moreFaults.put(k, new EnumMap<>(byOperation)));
    if (kind != null) {
      moreFaults.computeIfAbsent(kind, k -> new EnumMap<>(operations)).merge(operation, 1L, Long::sum);
    }
    return new InjectedFaults<>(kinds, operations, moreRequests, moreFaults);
  }

  /** What was seen after {@code earlier}, a count taken before this one. */
  public InjectedFaults<K, O> since(InjectedFaults<K, O> earlier) {
    Map<O, Long> newRequests = new EnumMap<>(operations);
    requests.forEach((operation, n) -> newRequests.put(operation, n - earlier.requests(operation)));
    Map<K, Map<O, Long>> newFaults = new EnumMap<>(kinds);
    faults.forEach((kind, byOperation) -> byOperation.forEach((operation, n) -> newFaults
        .computeIfAbsent(kind, k -> new EnumMap<>(operations)).put(operation, n - earlier.count(kind, operation))));
    return new InjectedFaults<>(kinds, operations, newRequests, newFaults);
  }

  public long requests(O operation) {
    return requests.getOrDefault(operation, 0L);
  }

  public long count(K kind, O operation) {
    return faults.getOrDefault(kind, Map.of()).getOrDefault(operation, 0L);
  }

  public long count(K kind) {
    return Arrays.stream(operations.getEnumConstants()).mapToLong(operation -> count(kind, operation)).sum();
  }

  public long total() {
    return Arrays.stream(kinds.getEnumConstants()).mapToLong(this::count).sum();
  }

  /** The fault kinds never injected on {@code operation}. */
  public Set<K> kindsMissingOn(O operation) {
    Set<K> missing = EnumSet.noneOf(kinds);
    Arrays.stream(kinds.getEnumConstants()).filter(kind -> count(kind, operation) == 0).forEach(missing::add);
    return missing;
  }

  /** A Markdown table: a row per fault kind, a column per operation, and the requests of each operation. */
  public String table() {
    O[] columns = operations.getEnumConstants();
    StringBuilder table = new StringBuilder("| fault |");
    Arrays.stream(columns).forEach(operation -> table.append(' ').append(operation).append(" |"));
    table.append(" total |\n|---|");
    table.append("---:|".repeat(columns.length + 1)).append('\n');
    for (K kind : kinds.getEnumConstants()) {
      table.append("| ").append(kind).append(" |");
      Arrays.stream(columns).forEach(operation -> table.append(' ').append(count(kind, operation)).append(" |"));
      table.append(' ').append(count(kind)).append(" |\n");
    }
    table.append("| requests |");
    Arrays.stream(columns).forEach(operation -> table.append(' ').append(requests(operation)).append(" |"));
    table.append(' ').append(requests.values().stream().mapToLong(Long::longValue).sum()).append(" |\n");
    return table.toString();
  }

  @Override
  public String toString() {
    return Arrays.stream(kinds.getEnumConstants()).map(kind -> kind + "=" + count(kind)).collect(Collectors.joining(", ",
        total() + " faults (", ") in " + requests.values().stream().mapToLong(Long::longValue).sum() + " requests"));
  }
}
