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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An HTTP/1.1 proxy on a loopback port in front of one server that passes requests on byte for
 * byte (a request's signature may cover its headers and the {@code Host} the client addressed, the
 * proxy's) and, for the requests its {@code faults} choose, does an {@link Interference} instead.
 */
final class FaultyHttpProxy implements AutoCloseable {
  /** How long a stalled answer waits for the client to give up before the proxy closes the connection itself. */
  private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final Function<HttpHead, Optional<Interference>> faults;
  private final ExecutorService connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private FaultyHttpProxy(ServerSocket server, InetSocketAddress upstream, Function<HttpHead, Optional<Interference>> faults,
      String name) {
    this.server = server;
    this.upstream = upstream;
    this.faults = faults;
    this.connections = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Starts a proxy in front of {@code upstream} whose threads are named {@code name}; {@code faults}
   * is asked about each request once its head is read.
   */
  static FaultyHttpProxy start(URI upstream, Function<HttpHead, Optional<Interference>> faults, String name) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      FaultyHttpProxy proxy = new FaultyHttpProxy(server, new InetSocketAddress(upstream.getHost(), upstream.getPort()),
          faults, name);
      proxy.connections.execute(proxy::accept);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a faulty proxy in front of " + upstream + ": " + e.getMessage(), e);
    }
  }

  /** Where clients reach the server through the proxy. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  InetSocketAddress upstream() {
    return upstream;
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing: nothing to do about it
    }
    open.forEach(FaultyHttpProxy::closeQuietly);
    connections.shutdownNow();
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
    Socket upstreamSocket = null;
    try (client) {
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      OutputStream toClient = client.getOutputStream();
      InputStream fromServer = null;
      Optional<HttpHead> request;
      while ((request = HttpHead.read(fromClient)).isPresent()) {
        HttpHead head = continued(request.get(), toClient);
        byte[] body = head.readBody(fromClient);
        Optional<Interference> fault = faults.apply(head);
        if (fault.isPresent() && !fault.get().forwarded()) {
          if (fault.get().act() == Interference.Act.RESET) {
            client.setSoLinger(true, 0);
          } else {
            toClient.write(fault.get().answer());
          }
          return;
        }
        if (upstreamSocket == null) {
          upstreamSocket = connect();
          fromServer = new BufferedInputStream(upstreamSocket.getInputStream());
        }
        upstreamSocket.getOutputStream().write(head.bytes());
        upstreamSocket.getOutputStream().write(body);
        HttpHead answer = HttpHead.read(fromServer).orElseThrow(() -> new IOException("the server closed the connection"));
        byte[] answerBody = hasBody(head, answer) ? answer.readBody(fromServer) : new byte[0];
        if (fault.isPresent()) {
          switch (fault.get().act()) {
            case STALL -> awaitClientGivingUp(client, fromClient);
            case TRUNCATE -> writeTruncated(toClient, answer.bytes(), answerBody);
            case ANSWER_AFTER -> toClient.write(fault.get().answer());
            case DROP_AFTER -> {
              // the connection closes: the client reads the end of the stream where the answer should be
            }
            default -> throw new IllegalStateException("Cannot interfere after forwarding with " + fault.get().act());
          }
          return;
        }
        toClient.write(answer.bytes());
        toClient.write(answerBody);
        if (answer.header("Connection").filter(value -> value.equalsIgnoreCase("close")).isPresent()) {
          return;
        }
      }
    } catch (IOException e) {
      // the client or the server went away (a client that timed out closes its connection): so does this one
    } finally {
      open.remove(client);
      if (upstreamSocket != null) {
        open.remove(upstreamSocket);
        closeQuietly(upstreamSocket);
      }
    }
  }

  /**
   * Answers {@code Expect: 100-continue} at once and passes the request on without it: the server
   * then answers only once, and the header is not signed (SigV4 leaves it out).
   */
  private static HttpHead continued(HttpHead request, OutputStream toClient) throws IOException {
    if (request.header("Expect").filter(value -> value.equalsIgnoreCase("100-continue")).isEmpty()) {
      return request;
    }
    toClient.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return request.without("Expect");
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    open.add(socket);
    socket.connect(upstream);
    return socket;
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
