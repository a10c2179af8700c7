package io.floe.e2e.bench;

import io.floe.translator.registry.ConfluentRegistryServer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One workload of the end-to-end benchmark: which values, which codec the producer uses, the
 * topic's segment size, how many records, and the ratios against LocalTieredStorage Floe must
 * meet on it (issue 9).
 *
 * @param events records at scale 1; a run at {@code benchmark.scale} s produces {@code s * events}
 */
record Workload(String name, Values values, String compression, long segmentBytes, int events, Targets targets) {
  private static final long MIB = 1 << 20;
  /** 1 MiB segments: many segments, so many commits. */
  private static final int SMALL_SEGMENT_EVENTS = 200_000;
  /** 128 MiB segments: the cost per byte; several segments uncompressed, one or two with zstd. */
  private static final int LARGE_SEGMENT_EVENTS = 600_000;

  static final List<Workload> ALL = List.of(
      new Workload("json-none-1MiB", Values.JSON, "none", MIB, SMALL_SEGMENT_EVENTS, Targets.UNCOMPRESSED),
      new Workload("json-zstd-1MiB", Values.JSON, "zstd", MIB, SMALL_SEGMENT_EVENTS, Targets.COMPRESSED),
      new Workload("avro-zstd-1MiB", Values.AVRO, "zstd", MIB, SMALL_SEGMENT_EVENTS, Targets.TYPED),
      new Workload("json-none-128MiB", Values.JSON, "none", 128 * MIB, LARGE_SEGMENT_EVENTS, Targets.UNCOMPRESSED),
      new Workload("json-zstd-128MiB", Values.JSON, "zstd", 128 * MIB, LARGE_SEGMENT_EVENTS, Targets.COMPRESSED),
      new Workload("avro-zstd-128MiB", Values.AVRO, "zstd", 128 * MIB, LARGE_SEGMENT_EVENTS, Targets.TYPED));

  /**
   * Run only when named: the JSON workloads with their values kept raw, as before schemaless JSON
   * was typed by default and as an operator who turns the inference off has them.
   */
  static final List<Workload> RAW_JSON = List.of(
      new Workload("json-raw-none-1MiB", Values.JSON_RAW, "none", MIB, SMALL_SEGMENT_EVENTS, Targets.UNCOMPRESSED),
      new Workload("json-raw-zstd-1MiB", Values.JSON_RAW, "zstd", MIB, SMALL_SEGMENT_EVENTS, Targets.COMPRESSED),
      new Workload("json-raw-none-128MiB", Values.JSON_RAW, "none", 128 * MIB, LARGE_SEGMENT_EVENTS,
          Targets.UNCOMPRESSED),
      new Workload("json-raw-zstd-128MiB", Values.JSON_RAW, "zstd", 128 * MIB, LARGE_SEGMENT_EVENTS,
          Targets.COMPRESSED));

  /** What the values are. */
  enum Values {
    JSON("1 KiB JSON-like values, no registry"),
    JSON_RAW("the same JSON values kept raw (`value.json.infer.topics` matching no topic)"),
    AVRO("Avro values through the schema registry, typed into columns");

    private final String description;

    Values(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }

  /**
   * Floe against LocalTieredStorage on the same workload: at most these times the time to tier
   * and the broker's CPU while tiering, at least this fraction of its consuming throughput.
   */
  record Targets(double tieringTime, double tieringCpu, double consumingThroughput) {
    static final Targets UNCOMPRESSED = new Targets(1.1, 2, 0.9);
    static final Targets COMPRESSED = new Targets(1.1, 2, 0.8);
    static final Targets TYPED = new Targets(1.3, 3, 0.8);
  }

  /**
   * The workloads named in {@code names} (comma-separated, as in {@link #name()}, case ignored), or
   * all of them for a blank list.
   */
  static List<Workload> named(String names) {
    if (names == null || names.isBlank()) {
      return ALL;
    }
    return Arrays.stream(names.split(",")).map(String::trim).map(Workload::byName).toList();
  }

  private static Workload byName(String name) {
    List<Workload> known = Stream.concat(ALL.stream(), RAW_JSON.stream()).toList();
    return known.stream().filter(w -> w.name.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Cannot run workload " + name + ": the benchmark has "
            + known.stream().map(Workload::name).collect(Collectors.joining(", "))));
  }

  /** The records of a run at {@code scale}. */
  int events(double scale) {
    return Math.max(1, (int) Math.round(events * scale));
  }

  /** The workload's records, the same on every run; an Avro source registers its schema in {@code registry} first. */
  EventSource source(ConfluentRegistryServer registry, String topic) {
    return switch (values) {
      case JSON, JSON_RAW -> new JsonEvents();
      case AVRO -> AvroEvents.registeredIn(registry, topic);
    };
  }

  /** Floe's settings for the workload beyond the embedded default's. */
  Map<String, String> floeSettings(ConfluentRegistryServer registry) {
    return switch (values) {
      case JSON -> Map.of();
      // Kafka topic names are never empty: no topic's values are inferred.
      case JSON_RAW -> Map.of("value.json.infer.topics", "^$");
      case AVRO -> Map.of("schema.registry.url", registry.url());
    };
  }

  String description() {
    return String.format(Locale.ROOT, "%s, `%s`, %d MiB segments", values.description(), compression,
        segmentBytes / MIB);
  }
}
