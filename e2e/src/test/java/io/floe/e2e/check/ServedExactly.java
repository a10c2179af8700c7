package io.floe.e2e.check;

import io.floe.e2e.broker.KafkaService;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.ProducedRecords;
import java.time.Duration;
import org.apache.kafka.common.IsolationLevel;

/** The first invariant of the fault scenarios: what was produced, consumed back exactly from offset 0. */
public final class ServedExactly {
  private ServedExactly() {}

  /**
   * Consumes {@code topic} from offset 0 at both isolation levels with fresh consumers and fails
   * unless each reads exactly {@code produced}; returns how many records were compared.
   */
  public static long assertAtBothIsolationLevels(KafkaService broker, TieredTopic topic, ProducedRecords produced,
      Duration timeout) {
    long checked = 0;
    for (IsolationLevel isolation : IsolationLevel.values()) {
      ConsumedRecords consumed = ConsumedRecords.fromStart(broker, topic, isolation, timeout);
      consumed.assertExactly(produced);
      checked += consumed.records().size();
    }
    return checked;
  }
}
