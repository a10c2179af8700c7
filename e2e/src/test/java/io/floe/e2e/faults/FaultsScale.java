package io.floe.e2e.faults;

import java.util.Locale;

/**
 * How much a fault scenario produces: {@code smoke} for every build, {@code long} for the
 * {@code faults} profile (system property {@value #PROPERTY}).
 *
 * @param partitions partitions of each topic
 * @param mixedRounds rounds of the mixed workload (every codec, transactions) on the untyped topic
 * @param typedBatchesPerVersion batches of each schema version on the typed topic
 * @param catalogRestarts restarts of the catalog's database while segments are tiered
 * @param brokerKills brokers killed (SIGKILL) one after another in a cluster scenario
 */
public record FaultsScale(String name, int partitions, int mixedRounds, int typedBatchesPerVersion, int catalogRestarts,
    int brokerKills) {
  public static final String PROPERTY = "faults.scale";
  private static final FaultsScale SMOKE = new FaultsScale("smoke", 1, 1, 4, 4, 3);
  private static final FaultsScale LONG = new FaultsScale("long", 3, 20, 50, 20, 24);

  /** The scale the system property names, {@code smoke} without it. */
  public static FaultsScale fromSystemProperty() {
    String name = System.getProperty(PROPERTY, "").strip().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "", "smoke" -> SMOKE;
      case "long" -> LONG;
      default -> throw new IllegalArgumentException("Cannot run faults at scale '" + name + "': use smoke or long");
    };
  }
}
