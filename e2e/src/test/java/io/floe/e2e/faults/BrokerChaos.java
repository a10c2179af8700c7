package io.floe.e2e.faults;

import io.floe.e2e.broker.KafkaCluster;
import io.floe.e2e.topic.AdminCalls;
import io.floe.e2e.topic.TieredTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.ElectionNotNeededException;

/**
 * Kills the brokers of a cluster one at a time (SIGKILL) while a topic is tiered, deleted by
 * retention and read from remote storage: each kill at a moment of one {@link CrashPhase}, the
 * phases in a seeded shuffled order a round at a time, a seeded delay after the moment. After each
 * kill it waits for the partitions to lead elsewhere, restarts the broker, waits for it to be in
 * sync again and hands leadership back to the preferred replicas, so that leaders change twice a kill.
 */
public final class BrokerChaos {
  private static final Duration MOMENT_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration REJOIN_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration LOOK_INTERVAL = Duration.ofMillis(10);
  private static final Duration METADATA_INTERVAL = Duration.ofMillis(200);
  /** A kill lands up to this long after the moment: within a copy or a deletion, which last about a second. */
  private static final int MAX_KILL_DELAY_MS = 300;

  private final KafkaCluster cluster;
  private final TieredTopic topic;
  private final RemoteReader reader;
  private final Predicate<String> segmentStored;
  private final Random random;
  private final Map<CrashPhase, Integer> kills = new EnumMap<>(CrashPhase.class);
  private final Map<CrashPhase, Integer> midOperation = new EnumMap<>(CrashPhase.class);
  private final Map<TopicPartition, Integer> leaders = new HashMap<>();
  private int leaderChanges;

  /**
   * Chaos in {@code cluster}, with {@code reader} reading {@code topic}'s remote part, and
   * {@code segmentStored} telling whether a segment id still has its data in remote storage.
   */
  public BrokerChaos(KafkaCluster cluster, TieredTopic topic, RemoteReader reader, Predicate<String> segmentStored,
      long seed) {
    this.cluster = cluster;
    this.topic = topic;
    this.reader = reader;
    this.segmentStored = segmentStored;
    this.random = new Random(seed);
  }

  /** Kills {@code count} times, a broker at a time, each back in sync before the next kill. */
  public Crashes run(int count) {
    observeLeaders();
    List<CrashPhase> order = new ArrayList<>();
    for (int kill = 0; kill < count; kill++) {
      if (order.isEmpty()) {
        order.addAll(List.of(CrashPhase.values()));
        Collections.shuffle(order, random);
      }
      killDuring(order.remove(0));
    }
    return new Crashes(Map.copyOf(kills), Map.copyOf(midOperation), leaderChanges);
  }

  private void killDuring(CrashPhase phase) {
    Moment moment = phase == CrashPhase.FETCH ? remoteRead() : logged(phase);
    pause(random.nextInt(MAX_KILL_DELAY_MS));
    cluster.kill(moment.node());
    kills.merge(phase, 1, Integer::sum);
    if (moment.unfinished().getAsBoolean()) {
      midOperation.merge(phase, 1, Integer::sum);
    }
    awaitLeadersOtherThan(moment.node());
    cluster.restart(moment.node());
    awaitAllInSync();
    electPreferredLeaders();
  }

  /** The next moment a running broker logs that it starts {@code phase}'s work on the topic. */
  private Moment logged(CrashPhase phase) {
    String started = phase.startedLine().orElseThrow();
    Map<Integer, LogTail> tails = cluster.nodeIds().stream()
        .collect(Collectors.toMap(id -> id, id -> LogTail.fromEnd(cluster.logs(id).serverLog())));
    long deadline = System.nanoTime() + MOMENT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Map.Entry<Integer, LogTail> tail : tails.entrySet()) {
        List<String> lines = tail.getValue().newLines();
        for (int i = 0; i < lines.size(); i++) {
          Optional<String> partition = partitionIn(lines.get(i));
          if (lines.get(i).contains(started) && partition.isPresent()) {
            return new Moment(tail.getKey(), phase == CrashPhase.COPY
                ? copyUnfinished(tail.getValue(), partition.get())
                : deletionUnfinished(lines.subList(i, lines.size()), started));
          }
        }
      }
      pause(LOOK_INTERVAL.toMillis());
    }
    throw new AssertionError(String.format("Cannot see a broker start %s of %s within %s%n%s",
        phase, topic.name(), MOMENT_TIMEOUT, cluster.describeLogs()));
  }

  /** Read once the broker is dead: whether it had not logged the partition's copy done. */
  private BooleanSupplier copyUnfinished(LogTail tail, String partition) {
    String finished = CrashPhase.COPY.finishedLine().orElseThrow();
    return () -> tail.newLines().stream()
        .noneMatch(later -> later.contains(finished) && partitionIn(later).equals(Optional.of(partition)));
  }

  /**
   * Read once the broker is dead: whether a segment it had started deleting (Kafka names them all
   * at once, then deletes them one by one) still has its data.
   */
  private BooleanSupplier deletionUnfinished(List<String> lines, String started) {
    List<String> segments = lines.stream().filter(line -> line.contains(started)).map(BrokerChaos::segmentIdIn)
        .flatMap(Optional::stream).toList();
    return () -> segments.stream().anyMatch(segmentStored);
  }

  /** The id of the {@code RemoteLogSegmentId} a log line names. */
  private static Optional<String> segmentIdIn(String line) {
    int at = line.indexOf(", id=");
    int end = at < 0 ? -1 : line.indexOf('}', at);
    return end < 0 ? Optional.empty() : Optional.of(line.substring(at + ", id=".length(), end));
  }

  /** The next moment the reader gets records from remote storage: the leader of that partition serves them. */
  private Moment remoteRead() {
    TopicPartition partition = reader.awaitRemoteRead(MOMENT_TIMEOUT);
    return new Moment(leaderOf(partition).orElseThrow(() -> new AssertionError(
        "Cannot kill the leader of " + partition + " while it serves a remote read: it has none")), () -> true);
  }

  /** The first {@code <topic>-<partition>} a log line names, as its task prefix or segment id does. */
  private Optional<String> partitionIn(String line) {
    int at = line.indexOf(":" + topic.name() + "-");
    if (at < 0) {
      return Optional.empty();
    }
    int end = at + topic.name().length() + 2;
    while (end < line.length() && Character.isDigit(line.charAt(end))) {
      end++;
    }
    return Optional.of(line.substring(at + 1, end));
  }

  private void awaitLeadersOtherThan(int killed) {
    awaitMetadata("lead without node " + killed, partitions -> partitions.stream()
        .allMatch(p -> p.leader() != null && !p.leader().isEmpty() && p.leader().id() != killed));
  }

  private void awaitAllInSync() {
    awaitMetadata("have every replica in sync", partitions -> partitions.stream()
        .allMatch(p -> p.isr().size() == p.replicas().size() && p.leader() != null && !p.leader().isEmpty()));
  }

  /** Moves each partition's leadership back to its first replica, as Kafka's leader rebalancing would later. */
  private void electPreferredLeaders() {
    Map<TopicPartition, Optional<Throwable>> outcomes = AdminCalls.answer("elect preferred leaders of " + topic.name(),
        cluster.admin().electLeaders(ElectionType.PREFERRED, Set.copyOf(topic.topicPartitions())).partitions());
    outcomes.forEach((partition, failure) -> failure.filter(e -> !(e instanceof ElectionNotNeededException))
        .ifPresent(e -> {
          throw new AssertionError("Cannot elect the preferred leader of " + partition + ": " + e, e);
        }));
    awaitMetadata("lead on their preferred replicas", partitions -> partitions.stream()
        .allMatch(p -> p.leader() != null && !p.replicas().isEmpty() && p.leader().id() == p.replicas().get(0).id()));
  }

  /** Waits until the topic's partitions are as {@code condition} wants, then counts the leaders that changed. */
  private void awaitMetadata(String what, Predicate<List<TopicPartitionInfo>> condition) {
    long deadline = System.nanoTime() + REJOIN_TIMEOUT.toNanos();
    while (true) {
      Optional<List<TopicPartitionInfo>> partitions = describe();
      if (partitions.isPresent() && condition.test(partitions.get())) {
        observeLeaders();
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Cannot see the partitions of %s %s within %s: %s%n%s",
            topic.name(), what, REJOIN_TIMEOUT, partitions, cluster.describeLogs()));
      }
      pause(METADATA_INTERVAL.toMillis());
    }
  }

  private void observeLeaders() {
    for (TopicPartition partition : topic.topicPartitions()) {
      leaderOf(partition).ifPresent(leader -> {
        Integer before = leaders.put(partition, leader);
        if (before != null && before != leader.intValue()) {
          leaderChanges++;
        }
      });
    }
  }

  private Optional<Integer> leaderOf(TopicPartition partition) {
    return describe().flatMap(partitions -> partitions.stream().filter(p -> p.partition() == partition.partition())
        .map(TopicPartitionInfo::leader).filter(leader -> leader != null && !leader.isEmpty()).map(Node::id).findFirst());
  }

  /** The topic's partitions as the cluster's metadata has them now; empty while no broker answers. */
  private Optional<List<TopicPartitionInfo>> describe() {
    try {
      TopicDescription description = cluster.admin().describeTopics(List.of(topic.name())).allTopicNames()
          .get(METADATA_INTERVAL.toMillis() * 25, TimeUnit.MILLISECONDS).get(topic.name());
      return Optional.of(description.partitions());
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while describing " + topic.name(), e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted between kills", e);
    }
  }

  /** Where and when to kill: a node, and whether the work it had begun was still unfinished when it died. */
  private record Moment(int node, BooleanSupplier unfinished) {}

  /**
   * What the kills were: how many in each phase, how many of those before the broker logged the
   * phase's work done (mid-operation), and how often a partition's leader changed.
   */
  public record Crashes(Map<CrashPhase, Integer> kills, Map<CrashPhase, Integer> midOperation, int leaderChanges) {
    public int total() {
      return kills.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int kills(CrashPhase phase) {
      return kills.getOrDefault(phase, 0);
    }

    public int midOperation(CrashPhase phase) {
      return midOperation.getOrDefault(phase, 0);
    }
  }
}
