package io.floe.e2e.faults;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy in front of an S3-compatible server that, at a given rate, answers a request with a
 * fault ({@link FaultKind}) instead of the server's answer. Uploads, reads, lists and deletes
 * ({@link StoreOperation}) are faulted; requests on buckets themselves are not. Requests are passed
 * on byte for byte (their signatures cover the {@code Host} the client addressed, the proxy's).
 *
 * <p>Whether a request is faulted comes from a {@link Random} of a given seed; the kinds take turns
 * per operation, least injected first, so that even a short run injects each kind. Requests arrive
 * on many threads, so a seed replays the same choices, not always on the same requests.
 */
public final class FaultyObjectStore implements AutoCloseable {
  /** How long a stalled answer waits for the client to give up before the proxy closes the connection itself. */
  private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final double rate;
  private final long seed;
  private final Random random;
  private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "faulty-object-store");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private InjectedFaults injected = InjectedFaults.none();
  private volatile boolean closed;

  private FaultyObjectStore(ServerSocket server, InetSocketAddress upstream, double rate, long seed) {
    this.server = server;
    this.upstream = upstream;
    this.rate = rate;
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** Starts a proxy on a free loopback port in front of {@code upstream}, faulting {@code rate} of the requests. */
  public static FaultyObjectStore start(URI upstream, double rate, long seed) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      FaultyObjectStore store = new FaultyObjectStore(server,
          new InetSocketAddress(upstream.getHost(), upstream.getPort()), rate, seed);
      store.connections.execute(store::accept);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a faulty object store in front of " + upstream + ": " + e.getMessage(), e);
    }
  }

  /** Where clients reach the store through the proxy. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** The seed of the fault choices: the same seed replays them. */
  public long seed() {
    return seed;
  }

  /** The requests seen and the faults injected so far. */
  public synchronized InjectedFaults injected() {
    return injected;
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing: nothing to do about it
    }
    open.forEach(FaultyObjectStore::closeQuietly);
    connections.shutdownNow();
  }

  @Override
  public String toString() {
    return String.format("faulty object store at %s in front of %s (rate %.2f, seed %d)", endpoint(), upstream, rate, seed);
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        open.add(client);
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException("Cannot accept a connection on " + endpoint() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /** Serves a client connection request by request, over one upstream connection, until either side closes. */
  private void serve(Socket client) {
    Socket store = null;
    try (client) {
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      InputStream fromStore = null;
      Optional<HttpHead> request;
      while ((request = HttpHead.read(fromClient)).isPresent()) {
        HttpHead head = continued(request.get(), client.getOutputStream());
        byte[] body = head.readBody(fromClient);
        FaultKind fault = StoreOperation.of(head.part(0), head.part(1)).map(this::decide).orElse(null);
        if (fault == FaultKind.INTERNAL_ERROR || fault == FaultKind.SLOW_DOWN) {
          client.getOutputStream().write(errorAnswer(fault, head.part(1)));
          return;
        }
        if (fault == FaultKind.CONNECTION_RESET) {
          client.setSoLinger(true, 0);
          return;
        }
        if (store == null) {
          store = connect();
          fromStore = new BufferedInputStream(store.getInputStream());
        }
        store.getOutputStream().write(head.bytes());
        store.getOutputStream().write(body);
        HttpHead answer = HttpHead.read(fromStore).orElseThrow(() -> new IOException("the store closed the connection"));
        byte[] answerBody = hasBody(head, answer) ? answer.readBody(fromStore) : new byte[0];
        if (fault == FaultKind.STALL) {
          awaitClientGivingUp(client, fromClient);
          return;
        }
        if (fault == FaultKind.TRUNCATED_RESPONSE) {
          writeTruncated(client.getOutputStream(), answer.bytes(), answerBody);
          return;
        }
        client.getOutputStream().write(answer.bytes());
        client.getOutputStream().write(answerBody);
        if (answer.header("Connection").filter(value -> value.equalsIgnoreCase("close")).isPresent()) {
          return;
        }
      }
    } catch (IOException e) {
      // the client or the store went away (a client that timed out closes its connection): so does this one
    } finally {
      open.remove(client);
      if (store != null) {
        open.remove(store);
        closeQuietly(store);
      }
    }
  }

  /**
   * Answers {@code Expect: 100-continue} at once and passes the request on without it: the store
   * then answers only once, and the header is not signed (SigV4 leaves it out).
   */
  private static HttpHead continued(HttpHead request, OutputStream toClient) throws IOException {
    if (request.header("Expect").filter(value -> value.equalsIgnoreCase("100-continue")).isEmpty()) {
      return request;
    }
    toClient.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return request.without("Expect");
  }

  /** Whether to fault a request of {@code operation}, and how: the least injected kind for it, ties drawn at random. */
  private synchronized FaultKind decide(StoreOperation operation) {
    FaultKind kind = null;
    if (random.nextDouble() < rate) {
      List<FaultKind> kinds = Arrays.asList(FaultKind.values());
      Collections.shuffle(kinds, random);
      kind = kinds.stream().min(Comparator.comparingLong(k -> injected.count(k, operation))).orElseThrow();
    }
    injected = injected.plus(operation, kind);
    return kind;
  }

  private Socket connect() throws IOException {
    Socket server = new Socket();
    open.add(server);
    server.connect(upstream);
    return server;
  }

  /** S3's error document, as S3 sends it with a 500 or a 503. */
  private static byte[] errorAnswer(FaultKind fault, String resource) {
    boolean slowDown = fault == FaultKind.SLOW_DOWN;
    String requestId = UUID.randomUUID().toString();
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + (slowDown ? "SlowDown" : "InternalError")
        + "</Code><Message>" + (slowDown ? "Please reduce your request rate." : "We encountered an internal error. Please try again.")
        + "</Message><Resource>" + resource.replace("&", "&amp;").replace("<", "&lt;") + "</Resource><RequestId>" + requestId
        + "</RequestId></Error>";
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    String head = String.format(Locale.ROOT, "HTTP/1.1 %s\r\nContent-Type: application/xml\r\nContent-Length: %d\r\n"
            + "x-amz-request-id: %s\r\nConnection: close\r\n\r\n",
        slowDown ? "503 Slow Down" : "500 Internal Server Error", body.length, requestId);
    byte[] answer = Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), head.length() + body.length);
    System.arraycopy(body, 0, answer, head.length(), body.length);
    return answer;
  }

  /** Half the body after the whole head; for an empty body, half the head: either way less than promised. */
  private static void writeTruncated(OutputStream toClient, byte[] head, byte[] body) throws IOException {
    if (body.length > 0) {
      toClient.write(head);
      toClient.write(body, 0, body.length / 2);
    } else {
      toClient.write(head, 0, head.length / 2);
    }
    toClient.flush();
  }

  /** Says nothing until the client closes its connection (its timeout), or {@link #STALL_LIMIT}. */
  private static void awaitClientGivingUp(Socket client, InputStream fromClient) throws IOException {
    client.setSoTimeout(Math.toIntExact(STALL_LIMIT.toMillis()));
    try {
      // a client sends nothing more before its answer: this returns when it closes
      fromClient.transferTo(OutputStream.nullOutputStream());
    } catch (SocketTimeoutException | SocketException e) {
      // past the limit, or reset by the client: the stall is over either way
    }
  }

  private static boolean hasBody(HttpHead request, HttpHead answer) {
    int status = Integer.parseInt(answer.part(1));
    return !request.part(0).equals("HEAD") && status >= 200 && status != 204 && status != 304;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing: nothing to do about it
    }
  }
}
