package io.floe.e2e.workload;

import io.floe.e2e.broker.KafkaService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/** The broker's answer to a workload's send, or why a produce failed, with the broker's logs. */
final class Acknowledgements {
  private Acknowledgements() {}

  /** Waits for {@code send} to {@code topic} on {@code broker}; a failed send fails the workload. */
  static RecordMetadata of(Future<RecordMetadata> send, KafkaService broker, String topic) {
    try {
      return send.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(String.format("Cannot produce to %s on %s: %s%n%s",
          topic, broker, e.getCause().getMessage(), broker.describeLogs()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while producing to " + topic, e);
    }
  }
}
