package io.floe.e2e.workload;

import io.floe.translator.registry.ConfluentRegistryServer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Orders in Avro: V2 widens {@code id} to long, makes {@code quantity} an int, and adds an optional {@code coupon}. */
final class AvroOrders implements OrderSchema {
  private static final String V1 = """
      {"type":"record","name":"Order","namespace":"io.floe.e2e","fields":[\
      {"name":"id","type":"int"},\
      {"name":"customer","type":"string"},\
      {"name":"quantity","type":"string"}]}""";
  private static final String V2 = """
      {"type":"record","name":"Order","namespace":"io.floe.e2e","fields":[\
      {"name":"id","type":"long"},\
      {"name":"customer","type":"string"},\
      {"name":"quantity","type":"int"},\
      {"name":"coupon","type":["null","string"],"default":null}]}""";

  @Override
  public int register(ConfluentRegistryServer registry, String subject, SchemaVersion version) {
    return registry.register(subject, null, text(version));
  }

  @Override
  public byte[] value(Order order, SchemaVersion version, int schemaId) {
    GenericRecord record = new GenericData.Record(new Schema.Parser().parse(text(version)));
    record.put("customer", order.customer());
    switch (version) {
      case V1 -> {
        record.put("id", Math.toIntExact(order.id()));
        record.put("quantity", Integer.toString(order.quantity()));
      }
      case V2 -> {
        record.put("id", order.id());
        record.put("quantity", order.quantity());
        record.put("coupon", order.coupon());
      }
    }
    return AvroValues.serialize(schemaId, record);
  }

  private static String text(SchemaVersion version) {
    return switch (version) {
      case V1 -> V1;
      case V2 -> V2;
    };
  }
}
