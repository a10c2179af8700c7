package io.floe.e2e.bench;

import java.time.Duration;

/**
 * What one store's run of a workload measured.
 *
 * @param workload the workload run
 * @param records what was produced, and read back identically from remote storage
 * @param segments the segments the broker had to tier, as they were on its disk
 * @param produce producing the records, with copying held back
 * @param copied from releasing copying until the last record was in remote storage
 * @param tiered from releasing copying until every record was in remote storage and deleted locally
 * @param tieringCpu the broker's CPU time over {@code tiered}
 * @param consume reading every record back from remote storage
 * @param consumingCpu the broker's CPU time over {@code consume}
 * @param stored what the store keeps, by kind of file
 * @param loadBefore the machine's load average when the run started
 * @param loadAfter the machine's load average when it ended
 */
record RunResult(
    RemoteStore store,
    Workload workload,
    Fingerprint records,
    LocalSegments segments,
    Duration produce,
    Duration copied,
    Duration tiered,
    Duration tieringCpu,
    Duration consume,
    Duration consumingCpu,
    StoredBytes stored,
    LoadAverage loadBefore,
    LoadAverage loadAfter) {
}
