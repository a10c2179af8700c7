package io.floe.e2e.faults;

import io.floe.e2e.broker.KafkaService;
import io.floe.e2e.topic.TieredTopic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer reading a topic's remote part again and again in the background, from the log start
 * up to the first offset still on the leader's disk, the isolation levels taking turns, with CRC
 * checks on: the remote fetches a crash may cut into. A fetch at a time returns a batch or two, so
 * that a pass makes many. A poll that fails (a CRC, a batch that cannot be parsed) ends it, and
 * {@link #stop()} tells it.
 */
public final class RemoteReader implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
  private static final int FETCH_BYTES = 2048;

  private final KafkaService cluster;
  private final TieredTopic topic;
  private final Thread thread;
  private volatile boolean stopped;
  private long remoteRecords;
  private long passes;
  private long remoteReads;
  private TopicPartition lastRemoteRead;
  private Throwable failure;

  private RemoteReader(KafkaService cluster, TieredTopic topic) {
    this.cluster = cluster;
    this.topic = topic;
    this.thread = new Thread(this::readAgainAndAgain, "remote-reader-" + topic.name());
    thread.setDaemon(true);
  }

  public static RemoteReader start(KafkaService cluster, TieredTopic topic) {
    RemoteReader reader = new RemoteReader(cluster, topic);
    reader.thread.start();
    return reader;
  }

  /**
   * Waits until the reader gets records from remote storage after this call; the partition they
   * came from, whose leader was serving the fetch.
   */
  public synchronized TopicPartition awaitRemoteRead(Duration timeout) {
    long seen = remoteReads;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (remoteReads == seen) {
      if (failure != null) {
        throw new AssertionError("The remote reader of " + topic.name() + " failed: " + failure, failure);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(String.format("Cannot see a read of %s from remote storage within %s%n%s",
            topic.name(), timeout, cluster.describeLogs()));
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for a remote read", e);
      }
    }
    return lastRemoteRead;
  }

  /** Stops after the poll under way; what it read, or the failure that ended it. */
  public Reading stop() {
    stopped = true;
    try {
      thread.join(STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping " + thread.getName(), e);
    }
    if (thread.isAlive()) {
      throw new AssertionError(thread.getName() + " still reading " + STOP_TIMEOUT + " after it was stopped");
    }
    synchronized (this) {
      return new Reading(passes, remoteRecords, Optional.ofNullable(failure));
    }
  }

  /** What the reader did: passes over the remote part, records it read from there, and the failure that ended it. */
  public record Reading(long passes, long remoteRecords, Optional<Throwable> failure) {}

  private void readAgainAndAgain() {
    IsolationLevel isolation = IsolationLevel.READ_COMMITTED;
    while (!stopped) {
      Map<TopicPartition, Long> localStart;
      try {
        localStart = localStart();
      } catch (RuntimeException noLeader) {
        continue; // a partition without a leader for a moment: ask again
      }
      if (!readPass(isolation, localStart)) {
        return;
      }
      isolation = isolation == IsolationLevel.READ_COMMITTED ? IsolationLevel.READ_UNCOMMITTED : IsolationLevel.READ_COMMITTED;
    }
  }

  /** Reads every partition from its log start up to its first local offset; false if a poll failed. */
  private boolean readPass(IsolationLevel isolation, Map<TopicPartition, Long> localStart) {
    List<TopicPartition> partitions = topic.topicPartitions();
    try (Consumer<byte[], byte[]> consumer = consumer(isolation)) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!stopped && partitions.stream().anyMatch(tp -> consumer.position(tp) < localStart.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < localStart.get(partition)) {
            readRemotely(partition);
          }
        }
      }
    } catch (KafkaException e) {
      failed(e);
      return false;
    }
    synchronized (this) {
      passes++;
    }
    return true;
  }

  private Map<TopicPartition, Long> localStart() {
    Map<TopicPartition, Long> start = new HashMap<>();
    topic.progress(cluster).forEach((partition, progress) -> start.put(partition, progress.earliestLocal()));
    return start;
  }

  private synchronized void readRemotely(TopicPartition partition) {
    remoteRecords++;
    remoteReads++;
    lastRemoteRead = partition;
    notifyAll();
  }

  private synchronized void failed(Throwable e) {
    failure = e;
    notifyAll();
  }

  private Consumer<byte[], byte[]> consumer(IsolationLevel isolation) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT),
        ConsumerConfig.CHECK_CRCS_CONFIG, true,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void close() {
    stopped = true;
  }
}
