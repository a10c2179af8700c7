package io.floe.e2e.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The figures of a crash scenario that passed, as Markdown: the kills by phase, what the brokers'
 * remote log managers did, what was read and checked, and the clean-up. Written only once every
 * invariant held, so its violations are zero.
 */
public record CrashReport(String scenario, FaultsScale scale, long seed, BrokerChaos.Crashes crashes,
    RemoteLogActivity activity, long recordsProduced, long recordsChecked, int unreadAborts, long unreadAbortedRecords,
    RemoteReader.Reading reading,
    int manifestsChecked, long orphansFound, long orphansRemoved, Duration chaosTime, Duration totalTime, String loadAverage) {

  public String markdown() {
    String phases = Arrays.stream(CrashPhase.values())
        .map(phase -> String.format(Locale.ROOT, "| %s | %d | %d |", phase, crashes.kills(phase), crashes.midOperation(phase)))
        .collect(Collectors.joining("\n"));
    return String.format(Locale.ROOT, """
        # %s

        Scale `%s`, seed %d (replay the same phases and delays with `-Dfaults.seed=%d`).

        | figure | value |
        |---|---:|
        | brokers killed (SIGKILL) and restarted | %d |
        | partition leader changes | %d |
        | records produced and acknowledged | %d |
        | copies started by the brokers | %d |
        | copies finished | %d |
        | copies started again (after a kill or a failure) | %d |
        | copies failed (logged by the broker) | %d |
        | unfinished copies cleaned up by a leader | %d |
        | remote segments deleted for retention (deletions started) | %d |
        | passes of the background reader over the remote log | %d |
        | records it read from remote storage | %d |
        | records checked at the end (consumed from the log start and compared, both isolation levels) | %d |
        | aborted transactions in Floe's index of a segment the broker recorded with an empty one (Kafka's defect, see docs/reliability.md) | %d |
        | of their records, served to the read_committed check by the broker and set aside | %d |
        | segment manifests checked | %d |
        | orphan files `floe check` found after the run | %d |
        | orphan files `floe maintain` removed once past the cut-off (none left after) | %d |
        | time of the kills | %d s |
        | time of the scenario | %d s |
        | violations | 0 |
        | load average at the end (1, 5, 15 min) | %s |

        Kills by phase (mid-operation: a copy the broker had not logged done, a deletion whose segment
        manifest Floe had not removed yet; a fetch has no such sign):

        | phase | kills | mid-operation |
        |---|---:|---:|
        %s
        """,
        scenario, scale.name(), seed, seed, crashes.total(), crashes.leaderChanges(), recordsProduced,
        activity.copiesStarted(), activity.copiesFinished(), activity.copiesRetried(), activity.copiesFailed(),
        activity.unfinishedCopiesCleaned(), activity.deletionsStarted(), reading.passes(),
        reading.remoteRecords(), recordsChecked, unreadAborts, unreadAbortedRecords, manifestsChecked, orphansFound, orphansRemoved, chaosTime.toSeconds(),
        totalTime.toSeconds(), loadAverage, phases);
  }

  /** Writes the report into {@code file}, replacing this scenario's older one. */
  public void writeTo(Path file) {
    ReportFile.write(file, scenario, markdown());
  }
}
