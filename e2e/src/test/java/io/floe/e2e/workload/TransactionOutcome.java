package io.floe.e2e.workload;

/** What became of the transaction a record was written in, which decides who may read it. */
public enum TransactionOutcome {
  /** Written outside any transaction. */
  NONE,
  COMMITTED,
  /** Read by read_uncommitted consumers only. */
  ABORTED
}
