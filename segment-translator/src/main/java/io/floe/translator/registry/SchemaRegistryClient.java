package io.floe.translator.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.InvalidProtocolBufferException;
import io.floe.translator.prototext.UnreadableProtoException;
import io.floe.translator.registry.RegistryJson.Reference;
import io.floe.translator.registry.RegistryJson.SchemaAnswer;
import io.floe.translator.registry.RegistryJson.UnreadableAnswerException;
import io.floe.translator.registry.RegistryTransport.Answer;
import io.floe.translator.registry.RegistryTransport.Exchange;
import io.floe.translator.registry.RegistryTransport.NoAnswer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Fetches writer schemas from a Confluent Schema Registry by id, with their references resolved,
 * through the registry's REST API. Schemas by id never change, so they are cached without expiry,
 * up to {@code cache.max.schemas} of them (and as many referenced schemas): the values of a
 * segment ask the registry once per id. Concurrent lookups of one id share one request. Failures
 * are not cached. Thread-safe.
 */
public final class SchemaRegistryClient {
  private final RegistryTransport transport;
  private final RegistryFailures failures;
  private final Cache<Integer, RegisteredSchema> byId;
  private final Cache<SubjectVersion, RegisteredSchema> references;
  /** Lookups under way, so that threads asking for the same id wait for one request. */
  private final ConcurrentMap<Integer, CompletableFuture<RegisteredSchema>> inFlight = new ConcurrentHashMap<>();

  /** Raises {@link InvalidRegistrySettingException} when the trust store does not load. */
  public SchemaRegistryClient(RegistrySettings settings) {
    this.transport = new RegistryTransport(settings);
    this.failures = new RegistryFailures(settings);
    // Eviction runs on the calling thread, so the bound holds when a lookup returns.
    this.byId = Caffeine.newBuilder().maximumSize(settings.cacheMaxSchemas()).executor(Runnable::run).build();
    this.references = Caffeine.newBuilder().maximumSize(settings.cacheMaxSchemas()).executor(Runnable::run).build();
  }

  /**
   * The schema registered under {@code id}, with every schema it refers to.
   *
   * @throws SchemaNotFoundException the registry does not know it, or a schema it refers to
   * @throws InvalidSchemaException the registry has it in a form Floe cannot use
   * @throws RegistryUnavailableException the registry did not answer, even after the retries
   * @throws RegistryAuthenticationException the registry refused the credentials
   */
  public RegisteredSchema schemaById(int id) {
    RegisteredSchema cached = byId.getIfPresent(id);
    if (cached != null) {
      return cached;
    }
    CompletableFuture<RegisteredSchema> fetching = new CompletableFuture<>();
    CompletableFuture<RegisteredSchema> underWay = inFlight.putIfAbsent(id, fetching);
    if (underWay != null) {
      return await(underWay);
    }
    try {
      // Checked again: another thread may have cached it between the first look and now.
      RegisteredSchema schema = byId.getIfPresent(id);
      if (schema == null) {
        schema = fetch(id);
        byId.put(id, schema);
      }
      fetching.complete(schema);
      return schema;
    } catch (RuntimeException | Error e) {
      fetching.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(id, fetching);
    }
  }

  private RegisteredSchema fetch(int id) {
    Lookup lookup = new Lookup(id, "");
    String path = "/schemas/ids/" + id;
    return resolve(lookup, id, ProtoTextSchemas.ROOT_FILE, schemaAt(lookup, path), path, new HashSet<>());
  }

  /** {@code file} is the name the schema has as a Protobuf file: the path its referrers import it by. */
  private RegisteredSchema resolve(
      Lookup lookup, int id, String file, SchemaAnswer answer, String path, Set<SubjectVersion> resolving) {
    SchemaType type = SchemaType.fromRegistry(answer.schemaType()).orElseThrow(() -> failures.invalid(lookup,
        "its type " + answer.schemaType() + " is not one Floe reads (AVRO, PROTOBUF or JSON)"));
    List<SchemaReference> resolved = new ArrayList<>();
    for (Reference reference : answer.references()) {
      resolved.add(reference(lookup, reference, resolving));
    }
    Optional<byte[]> descriptor = type == SchemaType.PROTOBUF
        ? Optional.of(serialized(lookup, path).orElseGet(() -> fromText(lookup, file, answer.schema(), resolved)))
        : Optional.empty();
    return new RegisteredSchema(id, type, answer.schema(), descriptor, resolved);
  }

  /** Referenced schemas are looked up by subject and version; many schemas share them. */
  private SchemaReference reference(Lookup referrer, Reference reference, Set<SubjectVersion> resolving) {
    SubjectVersion key = new SubjectVersion(reference.subject(), reference.version());
    Lookup lookup = referrer.reference(reference);
    RegisteredSchema schema = references.getIfPresent(key);
    if (schema == null) {
      if (!resolving.add(key)) {
        throw failures.invalid(lookup, "it refers back to a schema that refers to it");
      }
      String path = "/subjects/" + URLEncoder.encode(reference.subject(), StandardCharsets.UTF_8).replace("+", "%20")
          + "/versions/" + reference.version();
      SchemaAnswer answer = schemaAt(lookup, path);
      int id = answer.id().orElseThrow(() -> failures.unreadable(lookup, "it has no id field"));
      schema = resolve(lookup, id, reference.name(), answer, path, resolving);
      resolving.remove(key);
      references.put(key, schema);
    }
    return new SchemaReference(reference.name(), reference.subject(), reference.version(), schema);
  }

  /**
   * A Protobuf schema as the base64 FileDescriptorProto Confluent's registry serves since 7.8, or
   * nothing from a registry that does not serve it: one that refuses the format, or that ignores
   * it and answers with the text, as Confluent's did before.
   */
  private Optional<byte[]> serialized(Lookup lookup, String path) {
    Answer answer = answerAt(lookup, path + "?format=serialized");
    if (refusesFormat(answer.status())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(schemaIn(lookup, answer).schema()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A request the registry does not implement (501) or calls bad (400, 422, …). Not found,
   * credentials and rate limits mean what they mean for any request.
   */
  private static boolean refusesFormat(int status) {
    return status == 501 || status >= 400 && status < 500 && status != 401 && status != 403 && status != 404
        && status != 408 && status != 429;
  }

  private byte[] fromText(Lookup lookup, String file, String text, List<SchemaReference> references) {
    try {
      return ProtoTextSchemas.fileDescriptorProto(file, text, references);
    } catch (UnreadableProtoException e) {
      throw failures.invalid(lookup, "the registry serves it only as .proto text, which does not read as protoc "
          + "would read it: " + e.getMessage());
    } catch (InvalidProtocolBufferException e) {
      throw failures.invalid(lookup, "the registry serves it only as .proto text, and a file it imports has a "
          + "serialized FileDescriptorProto that does not parse: " + e.getMessage());
    }
  }

  private SchemaAnswer schemaAt(Lookup lookup, String path) {
    return schemaIn(lookup, answerAt(lookup, path));
  }

  private Answer answerAt(Lookup lookup, String path) {
    Exchange exchange;
    try {
      exchange = transport.get(path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failures.interrupted(lookup, e);
    }
    if (exchange instanceof NoAnswer noAnswer) {
      throw failures.unreachable(lookup, noAnswer);
    }
    return (Answer) exchange;
  }

  private SchemaAnswer schemaIn(Lookup lookup, Answer answer) {
    if (answer.status() != 200) {
      throw failures.refused(lookup, answer);
    }
    try {
      return RegistryJson.schema(answer.body());
    } catch (UnreadableAnswerException e) {
      throw failures.unreadable(lookup, e.getMessage());
    }
  }

  private static RegisteredSchema await(CompletableFuture<RegisteredSchema> fetching) {
    try {
      return fetching.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  private record SubjectVersion(String subject, int version) {}
}
