package io.floe.e2e.faults;

import io.floe.e2e.broker.BrokerLogs;

/**
 * What the broker did again because Floe failed, read from its log: copies it started (a segment
 * counts again for each retry), copies that failed, and remote reads that failed (a consumer
 * fetches them again).
 */
public record BrokerRetries(long copiesStarted, long copiesFailed, long readsFailed) {
  /** The counts in the log of the broker so far (Kafka 4.3's RemoteLogManager and RemoteLogReader messages). */
  public static BrokerRetries of(BrokerLogs logs) {
    return new BrokerRetries(
        logs.serverLogLinesContaining("] Copying "),
        logs.serverLogLinesContaining("Copy failed"),
        logs.serverLogLinesContaining("Error occurred while reading the remote data"));
  }
}
