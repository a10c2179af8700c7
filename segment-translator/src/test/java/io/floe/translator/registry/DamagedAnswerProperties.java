package io.floe.translator.registry;

import static io.floe.translator.registry.SampleSchemas.ADDRESS_AVRO;
import static io.floe.translator.registry.SampleSchemas.CUSTOMER_AVRO;
import static io.floe.translator.registry.SampleSchemas.CUSTOMER_DESCRIPTOR;
import static io.floe.translator.registry.SampleSchemas.CUSTOMER_PROTO;
import static io.floe.translator.registry.SampleSchemas.ORDER_AVRO;
import static io.floe.translator.registry.SampleSchemas.ORDER_DESCRIPTOR;
import static io.floe.translator.registry.SampleSchemas.ORDER_JSON_SCHEMA;
import static io.floe.translator.registry.SampleSchemas.ORDER_PROTO;

import io.floe.translator.registry.ConfluentRegistryServer.Reference;
import io.floe.translator.value.PayloadDamage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a faulty proxy or network does to the registry's answers, a lookup gives a schema or
 * fails with a {@link SchemaRegistryException} (the upload then retries, or keeps the values raw),
 * never another exception. Whatever schema it gives, a value it types re-encodes to its exact
 * payload or stays raw: the value codecs' properties hold that for any schema and any bytes.
 */
class DamagedAnswerProperties {
  private static ConfluentRegistryServer registry;
  private static List<Integer> ids;

  @BeforeContainer
  static void start() {
    try {
      registry = ConfluentRegistryServer.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.register("com.acme.Address", null, ADDRESS_AVRO);
    registry.register("com.acme.Customer", null, CUSTOMER_AVRO, new Reference("com.acme.Address", "com.acme.Address", 1));
    int avro = registry.register("orders-value", null, ORDER_AVRO,
        new Reference("com.acme.Customer", "com.acme.Customer", 1),
        new Reference("com.acme.Address", "com.acme.Address", 1));
    registry.registerProtobuf("acme/customer.proto", CUSTOMER_PROTO, CUSTOMER_DESCRIPTOR);
    int protobuf = registry.registerProtobuf("orders-proto-value", ORDER_PROTO, ORDER_DESCRIPTOR,
        new Reference("acme/customer.proto", "acme/customer.proto", 1));
    int json = registry.register("orders-json-value", "JSON", ORDER_JSON_SCHEMA);
    ids = List.of(avro, protobuf, json);
  }

  @AfterContainer
  static void stop() {
    registry.close();
  }

  /** A few hundred: each try starts a client and makes a few HTTP requests. */
  @Property(tries = 300)
  void aLookupGivesASchemaOrFailsAsTheRegistrysFailure(@ForAll("ids") int id, @ForAll("damage") PayloadDamage damage) {
    registry.damageAnswers(damage::applyTo);
    SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.fromProperties(
        Map.of(RegistrySettings.URL, registry.url(), RegistrySettings.MAX_RETRIES, "0")));
    try {
      client.schemaById(id);
    } catch (SchemaRegistryException expected) {
      // a refusal the upload knows what to do with
    }
  }

  @Provide
  Arbitrary<Integer> ids() {
    return Arbitraries.of(ids);
  }

  @Provide
  Arbitrary<PayloadDamage> damage() {
    return PayloadDamage.any();
  }
}
