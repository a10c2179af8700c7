package io.floe.writer.maintenance;

/**
 * The steps of a maintenance pass, in the order a pass runs them. Each is independent of the
 * others: it reads the table afresh, commits on its own, and a failed one does not stop the next.
 */
public enum MaintenanceStep {
  /**
   * {@link CompactMainFiles}, first, so that the Kafka view follows it in the same pass, and
   * before the manifest rewrite, which then lists its files with the others.
   */
  COMPACT_MAIN("compact-main"),
  /**
   * {@link io.floe.writer.repoint.KafkaViewRepointing}: the Kafka view follows the compactions of
   * {@code main} (this pass's and any engine's) before snapshot expiry can take the replace
   * snapshots that show them.
   */
  FOLLOW_COMPACTION("follow-compaction"),
  /** {@link RewriteMainManifests}. */
  REWRITE_MANIFESTS("rewrite-manifests"),
  /** {@link ExpireMainSnapshots}, after the rewrite, so that the manifests it replaced can go at once. */
  EXPIRE_SNAPSHOTS("expire-snapshots"),
  /** {@link RemoveOrphanFiles}, last: it lists what every step before it left. */
  REMOVE_ORPHAN_FILES("remove-orphan-files");

  private final String label;

  MaintenanceStep(String label) {
    this.label = label;
  }

  /** The step's name in logs and the tool's output. */
  public String label() {
    return label;
  }
}
