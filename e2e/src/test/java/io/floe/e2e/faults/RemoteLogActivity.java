package io.floe.e2e.faults;

import io.floe.e2e.broker.BrokerLogs;
import java.util.Collection;

/**
 * What the brokers' remote log managers did, counted in their logs (Kafka 4.3's RemoteLogManager
 * messages), summed over the brokers and their restarts: copies started, finished and failed,
 * copies a crash left unfinished that a leader cleaned up, and remote segments deleted for
 * retention (each logged as its deletion starts; Kafka logs their end only at DEBUG).
 */
public record RemoteLogActivity(long copiesStarted, long copiesFinished, long copiesFailed, long unfinishedCopiesCleaned,
    long deletionsStarted) {

  public static RemoteLogActivity of(Collection<BrokerLogs> logs) {
    return new RemoteLogActivity(
        count(logs, CrashPhase.COPY.startedLine().orElseThrow()),
        count(logs, CrashPhase.COPY.finishedLine().orElseThrow()),
        count(logs, "Copy failed"),
        count(logs, "Cleanup completed for segment"),
        count(logs, CrashPhase.DELETE.startedLine().orElseThrow()));
  }

  /** Copies started again: every start beyond the copies that finished. */
  public long copiesRetried() {
    return copiesStarted - copiesFinished;
  }

  private static long count(Collection<BrokerLogs> logs, String text) {
    return logs.stream().mapToLong(log -> log.serverLogLinesContaining(text)).sum();
  }
}
