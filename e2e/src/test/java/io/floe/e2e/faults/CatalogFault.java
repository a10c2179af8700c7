package io.floe.e2e.faults;

/** What {@link FaultyCatalog} does to a request instead of serving it plainly. */
public enum CatalogFault {
  /** {@code 500} with an Iceberg error document, before the catalog sees the request. */
  INTERNAL_ERROR,
  /** {@code 503}, before the catalog sees the request: Iceberg's REST client may send it again. */
  SERVICE_UNAVAILABLE,
  /** The catalog does the work, but its answer never comes: the connection stays silent until the client gives up. */
  STALL,
  /** The catalog applies the commit, and the client gets a {@code 500} instead of its answer. */
  APPLIED_THEN_INTERNAL_ERROR,
  /** The catalog applies the commit, and the client gets a {@code 503} instead of its answer. */
  APPLIED_THEN_SERVICE_UNAVAILABLE,
  /** The catalog applies the commit, and the connection closes before any of its answer. */
  APPLIED_THEN_DROPPED
}
