package io.floe.translator.value.avro;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A record class in the shape Avro's compiler generates (the parts {@code SpecificDatumWriter}
 * uses: schema, data model with its conversions, field access by position).
 */
public class Shipment extends SpecificRecordBase {
  public static final Schema SCHEMA$ = new Schema.Parser().parse("""
      {"type": "record", "name": "Shipment", "namespace": "io.floe.translator.value.avro", "fields": [
        {"name": "id", "type": {"type": "string", "avro.java.string": "String"}},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PACKED", "SHIPPED"]}},
        {"name": "weight", "type": {"type": "bytes", "logicalType": "decimal", "precision": 8, "scale": 3}},
        {"name": "shippedAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
        {"name": "labels", "type": {"type": "map", "values": "string"}}]}""");

  private static final SpecificData MODEL$ = new SpecificData();

  static {
    MODEL$.addLogicalTypeConversion(new Conversions.DecimalConversion());
    MODEL$.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
  }

  private static final Conversion<?>[] CONVERSIONS = {null, null, new Conversions.DecimalConversion(), null, null};

  public enum Status { PACKED, SHIPPED }

  private String id;
  private Status status;
  private BigDecimal weight;
  private Instant shippedAt;
  private Map<String, String> labels;

  public Shipment() {}

  public Shipment(String id, Status status, BigDecimal weight, Instant shippedAt, Map<String, String> labels) {
    this.id = id;
    this.status = status;
    this.weight = weight;
    this.shippedAt = shippedAt;
    this.labels = labels;
  }

  @Override
  public Schema getSchema() {
    return SCHEMA$;
  }

  @Override
  public SpecificData getSpecificData() {
    return MODEL$;
  }

  @Override
  public Conversion<?> getConversion(int field) {
    return CONVERSIONS[field];
  }

  @Override
  public Object get(int field) {
    return switch (field) {
      case 0 -> id;
      case 1 -> status;
      case 2 -> weight;
      case 3 -> shippedAt;
      case 4 -> labels;
      default -> throw new IndexOutOfBoundsException(field);
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public void put(int field, Object value) {
    switch (field) {
      case 0 -> id = value.toString();
      case 1 -> status = (Status) value;
      case 2 -> weight = (BigDecimal) value;
      case 3 -> shippedAt = (Instant) value;
      case 4 -> labels = (Map<String, String>) value;
      default -> throw new IndexOutOfBoundsException(field);
    }
  }
}
