package io.floe.e2e.faults;

import java.util.List;
import java.util.Optional;

/** The kinds of Iceberg REST catalog requests faults are injected on, told apart by method and path. */
public enum CatalogOperation {
  /** A table's metadata loaded: Floe's refreshes before and around each commit. */
  LOAD(List.of(CatalogFault.INTERNAL_ERROR, CatalogFault.SERVICE_UNAVAILABLE, CatalogFault.STALL)),
  /** A table's commit, or a multi-table transaction's. */
  COMMIT(List.of(CatalogFault.values()));

  private final List<CatalogFault> faults;

  CatalogOperation(List<CatalogFault> faults) {
    this.faults = faults;
  }

  /** The faults injected on this operation: a load changes nothing, so a fault after the catalog's work is a stall's equal. */
  public List<CatalogFault> faults() {
    return faults;
  }

  /**
   * The operation of a request with {@code method} on {@code target} ({@code /v1/...?query}), or
   * none for the rest (configuration, namespaces, creating a table, metrics reports), which are
   * never faulted: a broker that cannot read the configuration at start has no catalog at all.
   */
  public static Optional<CatalogOperation> of(String method, String target) {
    int queryStart = target.indexOf('?');
    String path = queryStart < 0 ? target : target.substring(0, queryStart);
    boolean table = path.matches("/v1/(.+/)?namespaces/[^/]+/tables/[^/]+");
    if (method.equals("GET") && table) {
      return Optional.of(LOAD);
    }
    if (method.equals("POST") && (table || path.matches("/v1/(.+/)?transactions/commit"))) {
      return Optional.of(COMMIT);
    }
    return Optional.empty();
  }
}
