package io.floe.e2e.faults;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link FaultyHttpProxy} in front of an S3-compatible server that, at a given rate, answers a
 * request with a fault ({@link FaultKind}) instead of the server's answer. Uploads, reads, lists
 * and deletes ({@link StoreOperation}) are faulted; requests on buckets themselves are not.
 *
 * <p>Whether a request is faulted comes from {@link FaultChoices} of a given seed: the kinds take
 * turns per operation, least injected first, so that even a short run injects each kind.
 */
public final class FaultyObjectStore implements AutoCloseable {
  private final double rate;
  private final FaultChoices<FaultKind, StoreOperation> choices;
  private final FaultyHttpProxy proxy;

  private FaultyObjectStore(URI upstream, double rate, long seed) {
    this.rate = rate;
    this.choices = new FaultChoices<>(FaultKind.class, StoreOperation.class, operation -> rate, seed);
    this.proxy = FaultyHttpProxy.start(upstream, this::interference, "faulty-object-store");
  }

  /** Starts a proxy on a free loopback port in front of {@code upstream}, faulting {@code rate} of the requests. */
  public static FaultyObjectStore start(URI upstream, double rate, long seed) {
    return new FaultyObjectStore(upstream, rate, seed);
  }

  /** Where clients reach the store through the proxy. */
  public URI endpoint() {
    return proxy.endpoint();
  }

  /** The seed of the fault choices: the same seed replays them. */
  public long seed() {
    return choices.seed();
  }

  /** The requests seen and the faults injected so far. */
  public InjectedFaults<FaultKind, StoreOperation> injected() {
    return choices.injected();
  }

  @Override
  public void close() {
    proxy.close();
  }

  @Override
  public String toString() {
    return String.format("faulty object store at %s in front of %s (rate %.2f, %s)", endpoint(), proxy.upstream(), rate,
        choices);
  }

  private Optional<Interference> interference(HttpHead request) {
    return StoreOperation.of(request.part(0), request.part(1))
        .flatMap(operation -> choices.decide(operation, Arrays.asList(FaultKind.values())))
        .map(kind -> switch (kind) {
          case INTERNAL_ERROR, SLOW_DOWN -> new Interference(Interference.Act.ANSWER, errorAnswer(kind, request.part(1)));
          case CONNECTION_RESET -> Interference.of(Interference.Act.RESET);
          case STALL -> Interference.of(Interference.Act.STALL);
          case TRUNCATED_RESPONSE -> Interference.of(Interference.Act.TRUNCATE);
        });
  }

  /** S3's error document, as S3 sends it with a 500 or a 503. */
  private static byte[] errorAnswer(FaultKind fault, String resource) {
    boolean slowDown = fault == FaultKind.SLOW_DOWN;
    String requestId = UUID.randomUUID().toString();
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + (slowDown ? "SlowDown" : "InternalError")
        + "</Code><Message>" + (slowDown ? "Please reduce your request rate." : "We encountered an internal error. Please try again.")
        + "</Message><Resource>" + resource.replace("&", "&amp;").replace("<", "&lt;") + "</Resource><RequestId>" + requestId
        + "</RequestId></Error>";
    return HttpAnswers.of(slowDown ? "503 Slow Down" : "500 Internal Server Error", "application/xml",
        xml.getBytes(StandardCharsets.UTF_8), "x-amz-request-id: " + requestId);
  }
}
