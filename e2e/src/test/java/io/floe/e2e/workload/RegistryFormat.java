package io.floe.e2e.workload;

/** The value formats of a schema registry, each with the orders' schema written in it. */
public enum RegistryFormat {
  AVRO(new AvroOrders()),
  PROTOBUF(new ProtobufOrders()),
  JSON_SCHEMA(new JsonSchemaOrders());

  private final OrderSchema orders;

  RegistryFormat(OrderSchema orders) {
    this.orders = orders;
  }

  public OrderSchema orders() {
    return orders;
  }
}
