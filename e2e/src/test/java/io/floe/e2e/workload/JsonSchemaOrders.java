package io.floe.e2e.workload;

import io.floe.translator.registry.ConfluentRegistryServer;

/**
 * Orders in JSON Schema: V2 adds a {@code coupon} and makes {@code quantity} a number instead of a
 * string; {@code id} is an integer in both, the only integer type JSON Schema has.
 */
final class JsonSchemaOrders implements OrderSchema {
  private static final String V1 = """
      {"$schema":"http://json-schema.org/draft-07/schema#","title":"Order","type":"object",\
      "properties":{"id":{"type":"integer"},"customer":{"type":"string"},"quantity":{"type":"string"}},\
      "required":["id","customer","quantity"]}""";
  private static final String V2 = """
      {"$schema":"http://json-schema.org/draft-07/schema#","title":"Order","type":"object",\
      "properties":{"id":{"type":"integer"},"customer":{"type":"string"},"quantity":{"type":"number"},\
      "coupon":{"oneOf":[{"type":"null","title":"Not included"},{"type":"string"}]}},\
      "required":["id","customer","quantity"]}""";

  /** A V1 value as a producer's class declares it. */
  record OrderV1(long id, String customer, String quantity) {}

  /** A V2 value; a missing coupon is written as null, as a default ObjectMapper writes it. */
  record OrderV2(long id, String customer, double quantity, String coupon) {}

  @Override
  public int register(ConfluentRegistryServer registry, String subject, SchemaVersion version) {
    return registry.register(subject, "JSON", switch (version) {
      case V1 -> V1;
      case V2 -> V2;
    });
  }

  @Override
  public byte[] value(Order order, SchemaVersion version, int schemaId) {
    Object value = switch (version) {
      case V1 -> new OrderV1(order.id(), order.customer(), Integer.toString(order.quantity()));
      // a fractional quantity: the number type is not just the integer written differently
      case V2 -> new OrderV2(order.id(), order.customer(), order.quantity() + 0.5, order.coupon());
    };
    return JsonSchemaValues.serialize(schemaId, value);
  }
}
