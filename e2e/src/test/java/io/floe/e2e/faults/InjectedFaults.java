package io.floe.e2e.faults;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a {@link FaultyObjectStore} saw up to some moment: the requests of each operation, and the
 * faults it injected by kind and operation.
 */
public record InjectedFaults(Map<StoreOperation, Long> requests, Map<FaultKind, Map<StoreOperation, Long>> faults) {
  public InjectedFaults {
    requests = Map.copyOf(requests);
    faults = faults.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
  }

  /** Nothing yet. */
  public static InjectedFaults none() {
    return new InjectedFaults(Map.of(), Map.of());
  }

  /** This count with one more request of {@code operation}, faulted by {@code kind} if not null. */
  InjectedFaults plus(StoreOperation operation, FaultKind kind) {
    Map<StoreOperation, Long> moreRequests = new EnumMap<>(StoreOperation.class);
    moreRequests.putAll(requests);
    moreRequests.merge(operation, 1L, Long::sum);
    Map<FaultKind, Map<StoreOperation, Long>> moreFaults = new EnumMap<>(FaultKind.class);
    faults.forEach((k, byOperation) -> moreFaults.put(k, new EnumMap<>(byOperation)));
    if (kind != null) {
      moreFaults.computeIfAbsent(kind, k -> new EnumMap<>(StoreOperation.class)).merge(operation, 1L, Long::sum);
    }
    return new InjectedFaults(moreRequests, moreFaults);
  }

  /** What was seen after {@code earlier}, a count taken before this one. */
  public InjectedFaults since(InjectedFaults earlier) {
    Map<StoreOperation, Long> newRequests = new EnumMap<>(StoreOperation.class);
    requests.forEach((operation, n) -> newRequests.put(operation, n - earlier.requests(operation)));
    Map<FaultKind, Map<StoreOperation, Long>> newFaults = new EnumMap<>(FaultKind.class);
    faults.forEach((kind, byOperation) -> byOperation.forEach((operation, n) -> newFaults
        .computeIfAbsent(kind, k -> new EnumMap<>(StoreOperation.class)).put(operation, n - earlier.count(kind, operation))));
    return new InjectedFaults(newRequests, newFaults);
  }

  public long requests(StoreOperation operation) {
    return requests.getOrDefault(operation, 0L);
  }

  public long count(FaultKind kind, StoreOperation operation) {
    return faults.getOrDefault(kind, Map.of()).getOrDefault(operation, 0L);
  }

  public long count(FaultKind kind) {
    return Arrays.stream(StoreOperation.values()).mapToLong(operation -> count(kind, operation)).sum();
  }

  public long total() {
    return Arrays.stream(FaultKind.values()).mapToLong(this::count).sum();
  }

  /** The fault kinds never injected on {@code operation}. */
  public Set<FaultKind> kindsMissingOn(StoreOperation operation) {
    Set<FaultKind> missing = EnumSet.noneOf(FaultKind.class);
    Arrays.stream(FaultKind.values()).filter(kind -> count(kind, operation) == 0).forEach(missing::add);
    return missing;
  }

  /** A Markdown table: a row per fault kind, a column per operation, and the requests of each operation. */
  public String table() {
    StringBuilder table = new StringBuilder("| fault |");
    Arrays.stream(StoreOperation.values()).forEach(operation -> table.append(' ').append(operation).append(" |"));
    table.append(" total |\n|---|");
    table.append("---:|".repeat(StoreOperation.values().length + 1)).append('\n');
    for (FaultKind kind : FaultKind.values()) {
      table.append("| ").append(kind).append(" |");
      Arrays.stream(StoreOperation.values()).forEach(operation -> table.append(' ').append(count(kind, operation)).append(" |"));
      table.append(' ').append(count(kind)).append(" |\n");
    }
    table.append("| requests |");
    Arrays.stream(StoreOperation.values()).forEach(operation -> table.append(' ').append(requests(operation)).append(" |"));
    table.append(' ').append(requests.values().stream().mapToLong(Long::longValue).sum()).append(" |\n");
    return table.toString();
  }

  @Override
  public String toString() {
    return Arrays.stream(FaultKind.values()).map(kind -> kind + "=" + count(kind)).collect(Collectors.joining(", ",
        total() + " faults (", ") in " + requests.values().stream().mapToLong(Long::longValue).sum() + " requests"));
  }
}
