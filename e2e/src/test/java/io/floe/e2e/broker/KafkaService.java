package io.floe.e2e.broker;

import org.apache.kafka.clients.admin.Admin;

/**
 * A running Kafka cluster as the tests' clients see it, whether one broker or several: where to
 * connect, an admin client, and what its logs say when a test fails.
 */
public interface KafkaService {

  String bootstrapServers();

  /** An admin client, shared by the caller's calls and closed with the service. */
  Admin admin();

  /** Where the logs are, and the first error and last lines of each server's, for a failure message. */
  String describeLogs();
}
