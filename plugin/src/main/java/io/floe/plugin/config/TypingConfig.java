package io.floe.plugin.config;

import io.floe.plugin.topics.TopicOverrides;
import io.floe.translator.key.KeyFormat;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.typing.KeyTyper;
import io.floe.translator.typing.ValueTyper;
import io.floe.translator.value.ValueFormat;
import io.floe.translator.value.inference.JsonInference;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The keys of how a topic's values and keys get columns (docs/configuration.md), checked: each
 * topic's value and key format, and which topics' schemaless JSON values get inferred columns,
 * within which caps. It makes the typers of an upload.
 *
 * @param inferredTopicsPattern the pattern of {@code value.json.infer.topics}, as configured
 */
public record TypingConfig(TopicOverrides<ValueFormat> valueFormats, TopicOverrides<KeyFormat> keyFormats,
    String inferredTopicsPattern, TopicOverrides<Boolean> inferredTopics, JsonInference inferenceCaps) {
  public static final String VALUE_FORMAT = "value.format";
  public static final String VALUE_FORMAT_OVERRIDES = "value.format.overrides";
  public static final String KEY_FORMAT = "key.format";
  public static final String KEY_FORMAT_OVERRIDES = "key.format.overrides";
  public static final String JSON_INFERENCE_TOPICS = "value.json.infer.topics";
  public static final String JSON_INFERENCE_MAX_FIELDS = "value.json.infer.max.fields";
  public static final String JSON_INFERENCE_MAX_DEPTH = "value.json.infer.max.depth";

  static ConfigDef define(ConfigDef definition) {
    return definition
        .define(VALUE_FORMAT, Type.STRING, ValueFormat.AUTO.label(),
            ConfigDef.ValidString.in(Arrays.stream(ValueFormat.values()).map(ValueFormat::label).toArray(String[]::new)),
            Importance.MEDIUM, "How values are typed: auto (as the registry's wire format says), avro, protobuf, json, or raw.")
        .define(VALUE_FORMAT_OVERRIDES, Type.LIST, "", Importance.MEDIUM,
            "Per-topic formats, pattern:format entries; a topic matching entries that disagree is refused.")
        .define(KEY_FORMAT, Type.STRING, KeyFormat.AUTO.label(),
            ConfigDef.ValidString.in(Arrays.stream(KeyFormat.values()).map(KeyFormat::label).toArray(String[]::new)),
            Importance.MEDIUM, "How keys get analysts' columns: auto (as the registry's wire format says, else UTF-8 "
                + "text), avro, protobuf, json, text, or raw. Key bytes are kept exactly whatever the format.")
        .define(KEY_FORMAT_OVERRIDES, Type.LIST, "", Importance.MEDIUM,
            "Per-topic key formats, pattern:format entries; a topic matching entries that disagree is refused.")
        .define(JSON_INFERENCE_TOPICS, Type.STRING, ".*", Importance.MEDIUM,
            "The topics whose values without the registry's framing get columns inferred from their JSON objects: "
                + "a Java regular expression matching the whole topic name. Only topics of format auto or json.")
        .define(JSON_INFERENCE_MAX_FIELDS, Type.INT, JsonInference.DEFAULT.maxFields(), Range.atLeast(0), Importance.LOW,
            "The most properties (at every depth) a segment's inferred schema makes columns of; later ones stay in _json_shape.")
        .define(JSON_INFERENCE_MAX_DEPTH, Type.INT, JsonInference.DEFAULT.maxDepth(), Range.atLeast(1), Importance.LOW,
            "How many levels of nested objects and arrays inferred columns follow; deeper parts are JSON text columns.");
  }

  static TypingConfig of(AbstractConfig config) {
    return new TypingConfig(
        TopicOverrides.parse(VALUE_FORMAT_OVERRIDES, ValueFormat.fromLabel(config.getString(VALUE_FORMAT)).orElseThrow(),
            config.getList(VALUE_FORMAT_OVERRIDES), ValueFormat::fromLabel, "one of auto, avro, protobuf, json, raw"),
        TopicOverrides.parse(KEY_FORMAT_OVERRIDES, KeyFormat.fromLabel(config.getString(KEY_FORMAT)).orElseThrow(),
            config.getList(KEY_FORMAT_OVERRIDES), KeyFormat::fromLabel, "one of auto, avro, protobuf, json, text, raw"),
        config.getString(JSON_INFERENCE_TOPICS),
        TopicOverrides.matching(JSON_INFERENCE_TOPICS, config.getString(JSON_INFERENCE_TOPICS), true, false),
        new JsonInference(config.getInt(JSON_INFERENCE_MAX_FIELDS), config.getInt(JSON_INFERENCE_MAX_DEPTH)));
  }

  /**
   * The typer of an upload's values of {@code topic}.
   *
   * @param schemas the registry's schemas by id, if a registry is configured
   * @param withoutRegistry whether an unreachable registry keeps values raw instead of failing the upload
   * @throws io.floe.plugin.topics.AmbiguousTopicSettingException if the topic's overrides disagree
   */
  public ValueTyper values(String topic, Optional<IntFunction<RegisteredSchema>> schemas, boolean withoutRegistry) {
    return new ValueTyper(valueFormats.valueOf(topic), schemas, withoutRegistry, jsonInference(topic));
  }

  /**
   * The typer of an upload's keys of {@code topic}, as {@link #values} for its values.
   *
   * @throws io.floe.plugin.topics.AmbiguousTopicSettingException if the topic's overrides disagree
   */
  public KeyTyper keys(String topic, Optional<IntFunction<RegisteredSchema>> schemas, boolean withoutRegistry) {
    return new KeyTyper(keyFormats.valueOf(topic), schemas, withoutRegistry);
  }

  /**
   * The caps of the columns inferred from the topic's values without the registry's framing, when
   * {@code value.json.infer.topics} matches it.
   */
  public Optional<JsonInference> jsonInference(String topic) {
    return inferredTopics.valueOf(topic) ? Optional.of(inferenceCaps) : Optional.empty();
  }
}
