package io.floe.e2e.check;

import io.floe.e2e.broker.KafkaService;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.ProducedRecord;
import io.floe.e2e.workload.ProducedRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumers reading a topic from offset 0 again and again in the background, one per isolation
 * level, each pass up to the same offsets and checked against what was produced before them: what
 * consumers see while the table changes under the broker. A pass that is not exact ends its reader,
 * and {@link #stop()} tells it.
 */
public final class ReadingLoop implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

  private final List<Reader> readers;

  private ReadingLoop(List<Reader> readers) {
    this.readers = readers;
  }

  /**
   * Starts a read_committed and a read_uncommitted reader of every partition of {@code topic} up to
   * its offset in {@code before}; everything produced before those offsets must be in
   * {@code produced} already.
   */
  public static ReadingLoop start(KafkaService broker, TieredTopic topic, ProducedRecords produced,
      Map<TopicPartition, Long> before) {
    List<Reader> readers = new ArrayList<>();
    for (IsolationLevel isolation : List.of(IsolationLevel.READ_COMMITTED, IsolationLevel.READ_UNCOMMITTED)) {
      List<ProducedRecord> expected = produced.visibleTo(isolation).stream()
          .filter(r -> r.offset() < before.get(new TopicPartition(topic.name(), r.partition()))).toList();
      readers.add(new Reader(broker, topic, isolation, Map.copyOf(before), expected));
    }
    readers.forEach(reader -> reader.thread.start());
    return new ReadingLoop(readers);
  }

  /**
   * Waits until every reader has read a whole pass begun after this call: a pass that saw whatever
   * changed before it. Fails at once if a pass was not exact.
   */
  public void awaitPassFromNow(Duration timeout) {
    for (Reader reader : readers) {
      reader.awaitPasses(reader.started() + 1, timeout);
    }
  }

  /** Stops reading after the passes under way; what each isolation level read. */
  public Map<IsolationLevel, Passes> stop() {
    readers.forEach(Reader::stop);
    Map<IsolationLevel, Passes> passes = new EnumMap<>(IsolationLevel.class);
    for (Reader reader : readers) {
      passes.put(reader.isolation, reader.join());
    }
    return passes;
  }

  /** A reader's passes: how many were exact, and the first that was not, if one was. */
  public record Passes(IsolationLevel isolation, int exact, Optional<AssertionError> failure) {
    /** Fails unless every pass was exact, and there were at least {@code count}. */
    public void assertAllExact(int count) {
      failure.ifPresent(e -> {
        throw e;
      });
      if (exact < count) {
        throw new AssertionError(ConsumedRecords.name(isolation) + ": " + exact + " exact passes, not " + count);
      }
    }
  }

  @Override
  public void close() {
    readers.forEach(Reader::stop);
    readers.forEach(reader -> reader.thread.interrupt());
  }

  /** One consumer's passes, one after the other, on a thread of its own. */
  private static final class Reader {
    private final KafkaService broker;
    private final TieredTopic topic;
    private final IsolationLevel isolation;
    private final Map<TopicPartition, Long> before;
    private final List<ProducedRecord> expected;
    private final Thread thread;
    private int started;
    private int exact;
    private boolean stopped;
    private Throwable failure;

    Reader(KafkaService broker, TieredTopic topic, IsolationLevel isolation, Map<TopicPartition, Long> before,
        List<ProducedRecord> expected) {
      this.broker = broker;
      this.topic = topic;
      this.isolation = isolation;
      this.before = before;
      this.expected = expected;
      this.thread = new Thread(this::readAgainAndAgain, "reading-loop-" + ConsumedRecords.name(isolation));
      thread.setDaemon(true);
    }

    private void readAgainAndAgain() {
      while (nextPass()) {
        try {
          ConsumedRecords.fromStartBefore(broker, topic, isolation, before).assertExactly(expected);
        } catch (Throwable e) {
          finished(Optional.of(e));
          return;
        }
        finished(Optional.empty());
      }
    }

    private synchronized boolean nextPass() {
      if (stopped) {
        return false;
      }
      started++;
      return true;
    }

    private synchronized void finished(Optional<Throwable> failed) {
      failed.ifPresentOrElse(e -> failure = e, () -> exact++);
      notifyAll();
    }

    synchronized int started() {
      return started;
    }

    synchronized void awaitPasses(int count, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (exact < count) {
        throwFailure();
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(String.format("%s read %d exact passes of %s in %s, not %d%n%s",
              thread.getName(), exact, topic.name(), timeout, count, broker.describeLogs()));
        }
        waitNanos(left);
      }
    }

    synchronized void stop() {
      stopped = true;
    }

    /** Its passes, once the thread ended. */
    Passes join() {
      try {
        thread.join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while stopping " + thread.getName(), e);
      }
      synchronized (this) {
        if (thread.isAlive()) {
          throw new AssertionError(thread.getName() + " still reading " + STOP_TIMEOUT + " after it was stopped");
        }
        return new Passes(isolation, exact, Optional.ofNullable(failure).map(this::describe));
      }
    }

    private void throwFailure() {
      if (failure != null) {
        throw describe(failure);
      }
    }

    private AssertionError describe(Throwable failed) {
      return new AssertionError(String.format("Pass %d of %s (%s) from offset 0 to %s was not exact: %s",
          exact + 1, topic.name(), ConsumedRecords.name(isolation), before, failed.getMessage()), failed);
    }

    private void waitNanos(long nanos) {
      try {
        wait(Math.max(1, nanos / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + thread.getName(), e);
      }
    }
  }
}
