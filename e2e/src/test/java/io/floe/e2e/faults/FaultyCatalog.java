package io.floe.e2e.faults;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link FaultyHttpProxy} in front of an Iceberg REST catalog that, at a rate per operation, does a
 * {@link CatalogFault} to table loads and commits ({@link CatalogOperation}) instead of passing
 * them on: an error before the catalog sees the request, a stall, or, on commits, the commit applied
 * and its answer lost or replaced by an error, which the client cannot tell from a commit refused.
 * The choices come from {@link FaultChoices} of a given seed.
 */
public final class FaultyCatalog implements AutoCloseable {
  private final Map<CatalogOperation, Double> rates;
  private final FaultChoices<CatalogFault, CatalogOperation> choices;
  private final FaultyHttpProxy proxy;

  private FaultyCatalog(URI upstream, Map<CatalogOperation, Double> rates, long seed) {
    this.rates = Map.copyOf(rates);
    this.choices = new FaultChoices<>(CatalogFault.class, CatalogOperation.class, operation -> this.rates.getOrDefault(operation, 0.0),
        seed);
    this.proxy = FaultyHttpProxy.start(upstream, this::interference, "faulty-catalog");
  }

  /** Starts a proxy on a free loopback port in front of the catalog at {@code upstream}, faulting each operation at its rate. */
  public static FaultyCatalog start(URI upstream, Map<CatalogOperation, Double> rates, long seed) {
    return new FaultyCatalog(upstream, rates, seed);
  }

  /** Where clients reach the catalog through the proxy. */
  public URI endpoint() {
    return proxy.endpoint();
  }

  /** The requests seen and the faults injected so far. */
  public InjectedFaults<CatalogFault, CatalogOperation> injected() {
    return choices.injected();
  }

  @Override
  public void close() {
    proxy.close();
  }

  @Override
  public String toString() {
    return String.format("faulty catalog at %s in front of %s (rates %s, %s)", endpoint(), proxy.upstream(), rates, choices);
  }

  private Optional<Interference> interference(HttpHead request) {
    return CatalogOperation.of(request.part(0), request.part(1))
        .flatMap(operation -> choices.decide(operation, operation.faults()))
        .map(kind -> switch (kind) {
          case INTERNAL_ERROR -> new Interference(Interference.Act.ANSWER, errorAnswer(500));
          case SERVICE_UNAVAILABLE -> new Interference(Interference.Act.ANSWER, errorAnswer(503));
          case STALL -> Interference.of(Interference.Act.STALL);
          case APPLIED_THEN_INTERNAL_ERROR -> new Interference(Interference.Act.ANSWER_AFTER, errorAnswer(500));
          case APPLIED_THEN_SERVICE_UNAVAILABLE -> new Interference(Interference.Act.ANSWER_AFTER, errorAnswer(503));
          case APPLIED_THEN_DROPPED -> Interference.of(Interference.Act.DROP_AFTER);
        });
  }

  /** Iceberg's REST error document, as a catalog or the gateway in front of it sends it. */
  private static byte[] errorAnswer(int code) {
    String status = code == 503 ? "503 Service Unavailable" : "500 Internal Server Error";
    String type = code == 503 ? "ServiceUnavailableException" : "ServerError";
    String json = "{\"error\":{\"message\":\"Injected by the faulty catalog\",\"type\":\"" + type + "\",\"code\":" + code + "}}";
    return HttpAnswers.of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }
}
