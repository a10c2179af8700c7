package io.floe.e2e.bench;

/** A workload's records, the same ones in the same order on every run, so that two stores get the same bytes. */
interface EventSource {
  /** One record's key and value, as the producer sends them. */
  record Event(byte[] key, byte[] value) {
  }

  Event next();
}
