package io.floe.writer.data;

/**
 * Which view a data file's rows are for: {@code main} and the Kafka view, the Kafka view only
 * (control records, aborted or replaced rows), or one producer's pending transaction (the Kafka
 * view now, {@code main} too if the transaction commits). Rows of different destinations never
 * share a file, so each file can join or leave {@code main} whole.
 */
public record Destination(Kind kind, long producerId) {
  public enum Kind { MAIN, KAFKA_VIEW, PENDING }

  public static final Destination MAIN = new Destination(Kind.MAIN, -1);
  public static final Destination KAFKA_VIEW = new Destination(Kind.KAFKA_VIEW, -1);

  public static Destination pending(long producerId) {
    return new Destination(Kind.PENDING, producerId);
  }
}
