package io.floe.translator.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * The kinds of Avro value {@link AvroTypingBenchmark} converts, each a writer schema and a seeded
 * generator of realistic data for it, logical types as the Java objects a producer's code holds
 * (Instant, BigDecimal).
 */
public enum AvroValueShape {
  /** A flat event of 12 fields: long id, strings, double, boolean, enum, timestamp, optional string, decimal. */
  EVENT("""
      {"type": "record", "name": "PageEvent", "namespace": "floe.bench", "fields": [
        {"name": "event_id", "type": "long"},
        {"name": "user_id", "type": "string"},
        {"name": "session", "type": "string"},
        {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols":
          ["PAGE_VIEW", "ADD_TO_CART", "CHECKOUT", "LOGIN", "LOGOUT", "SEARCH"]}},
        {"name": "url", "type": "string"},
        {"name": "device", "type": "string"},
        {"name": "city", "type": "string"},
        {"name": "duration_seconds", "type": "double"},
        {"name": "logged_in", "type": "boolean"},
        {"name": "occurred_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "referrer", "type": ["null", "string"], "default": null},
        {"name": "cart_value", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}}
      ]}""") {
    @Override
    GenericData.Record datum(long n, SplittableRandom random) {
      GenericData.Record event = new GenericData.Record(schema());
      event.put("event_id", n);
      event.put("user_id", "user-" + random.nextInt(10_000_000));
      event.put("session", Long.toHexString(random.nextLong()));
      Schema kind = schema().getField("kind").schema();
      event.put("kind", new GenericData.EnumSymbol(kind, kind.getEnumSymbols().get(random.nextInt(6))));
      event.put("url", "https://shop.example.com/" + word(random) + "/" + word(random) + "?page=" + random.nextInt(50));
      event.put("device", word(random));
      event.put("city", word(random));
      event.put("duration_seconds", random.nextInt(600_000) / 1000.0);
      event.put("logged_in", random.nextBoolean());
      event.put("occurred_at", Instant.ofEpochMilli(BASE_MILLIS + n * 7 + random.nextInt(7)));
      event.put("referrer", random.nextInt(3) == 0 ? null : "https://" + word(random) + ".example.org/");
      event.put("cart_value", BigDecimal.valueOf(random.nextLong(100_000_000L), 2));
      return event;
    }
  },

  /** A nested order: an array of 1 to 8 line-item records and a map of 0 to 4 string attributes. */
  ORDER("""
      {"type": "record", "name": "Order", "namespace": "floe.bench", "fields": [
        {"name": "order_id", "type": "long"},
        {"name": "customer", "type": "string"},
        {"name": "placed_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line", "fields": [
          {"name": "sku", "type": "long"},
          {"name": "category", "type": "string"},
          {"name": "quantity", "type": "int"},
          {"name": "unit_price", "type": "double"}
        ]}}},
        {"name": "attributes", "type": {"type": "map", "values": "string"}},
        {"name": "total", "type": "double"}
      ]}""") {
    @Override
    GenericData.Record datum(long n, SplittableRandom random) {
      GenericData.Record order = new GenericData.Record(schema());
      order.put("order_id", n);
      order.put("customer", "customer-" + random.nextInt(1_000_000));
      order.put("placed_at", Instant.ofEpochMilli(BASE_MILLIS + n * 11 + random.nextInt(11)));
      Schema lineSchema = schema().getField("lines").schema().getElementType();
      List<GenericData.Record> lines = new ArrayList<>();
      double total = 0;
      for (int i = 1 + random.nextInt(8); i > 0; i--) {
        GenericData.Record line = new GenericData.Record(lineSchema);
        int quantity = 1 + random.nextInt(9);
        double price = random.nextInt(100_000) / 100.0;
        line.put("sku", random.nextLong(10_000_000L));
        line.put("category", word(random));
        line.put("quantity", quantity);
        line.put("unit_price", price);
        lines.add(line);
        total += quantity * price;
      }
      order.put("lines", lines);
      Map<String, String> attributes = new LinkedHashMap<>();
      for (int i = random.nextInt(5); i > 0; i--) {
        attributes.put(word(random), word(random));
      }
      order.put("attributes", attributes);
      order.put("total", total);
      return order;
    }
  },

  /** A small value of 3 fields. */
  SMALL("""
      {"type": "record", "name": "Reading", "namespace": "floe.bench", "fields": [
        {"name": "sensor_id", "type": "long"},
        {"name": "unit", "type": "string"},
        {"name": "value", "type": "double"}
      ]}""") {
    @Override
    GenericData.Record datum(long n, SplittableRandom random) {
      GenericData.Record reading = new GenericData.Record(schema());
      reading.put("sensor_id", random.nextLong(100_000L));
      reading.put("unit", UNITS[random.nextInt(UNITS.length)]);
      reading.put("value", random.nextInt(1_000_000) / 100.0);
      return reading;
    }
  };

  private static final long BASE_MILLIS = 1_700_000_000_000L;
  private static final String[] UNITS = {"celsius", "percent", "hPa", "lux"};
  private static final String[] WORDS = {
      "mobile", "desktop", "tablet", "Berlin", "Lisbon", "Osaka", "Toronto", "Nairobi", "Lima", "Oslo",
      "electronics", "books", "garden", "toys", "grocery", "fashion", "sports", "music", "gift", "express"};

  private final Schema schema;

  AvroValueShape(String schema) {
    this.schema = new Schema.Parser().parse(schema);
  }

  Schema schema() {
    return schema;
  }

  /** The {@code n}-th value of this shape. */
  abstract GenericData.Record datum(long n, SplittableRandom random);

  private static String word(SplittableRandom random) {
    return WORDS[random.nextInt(WORDS.length)];
  }
}
