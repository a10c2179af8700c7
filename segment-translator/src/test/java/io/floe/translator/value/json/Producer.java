package io.floe.translator.value.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The producers whose JSON values Floe types, each writing a value the way it does, a property the
 * value leaves unset ({@link ProducedJson.Unset}) included. The Jackson ones are Jackson itself;
 * Python's and JavaScript's are emulated ({@link EmulatedJson}).
 */
enum Producer {
  /** A default {@code ObjectMapper}: an unset field is {@code null}, whatever its schema admits. */
  JACKSON(new ObjectMapper()),
  /** {@code ObjectMapper} with {@code NON_NULL} inclusion, for properties and map entries: an unset or null field is left out. */
  JACKSON_NON_NULL(JsonMapper.builder()
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL)).build()),
  /** {@code ObjectMapper} with {@code NON_ABSENT} inclusion: as {@code NON_NULL} for values without {@code Optional}s. */
  JACKSON_NON_ABSENT(JsonMapper.builder()
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT)).build()),
  /** Confluent's {@code KafkaJsonSchemaSerializer}, which does not validate by default: a default {@code ObjectMapper}. */
  CONFLUENT(null),
  /** Python's {@code json.dumps} of a {@code dataclasses.asdict}: an unset field is {@code None}. */
  PYTHON(null),
  /** JavaScript's {@code JSON.stringify}: an unset property is {@code undefined}, which it leaves out. */
  JAVASCRIPT(null);

  private final ObjectMapper mapper;

  Producer(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  byte[] write(Object value) {
    return switch (this) {
      case CONFLUENT -> JsonBytes.write(written(value, true));
      case PYTHON -> EmulatedJson.PYTHON.write(written(value, true));
      case JAVASCRIPT -> EmulatedJson.JAVASCRIPT.write(written(value, false));
      default -> {
        try {
          yield mapper.writeValueAsBytes(written(value, true));
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(e);
        }
      }
    };
  }

  /** The value with each unset property as {@code null}, or left out. */
  private static Object written(Object value, boolean unsetAsNull) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((name, property) -> {
        if (property != ProducedJson.Unset.UNSET) {
          copy.put((String) name, written(property, unsetAsNull));
        } else if (unsetAsNull) {
          copy.put((String) name, null);
        }
      });
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(written(item, unsetAsNull)));
      return copy;
    }
    return value;
  }
}
