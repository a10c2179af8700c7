package io.floe.plugin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The requests the Google HTTP client sends, as it logs them (java.util.logging, at CONFIG: method,
 * URL and headers of each), while open. Shows what went over the wire when the store cannot say.
 */
final class HttpRequestLog extends Handler implements AutoCloseable {
  private static final Logger HTTP = Logger.getLogger("com.google.api.client.http.HttpTransport");
  private static final String REQUEST = "-------------- REQUEST";

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Level previous;

  private HttpRequestLog() {
    previous = HTTP.getLevel();
    HTTP.setLevel(Level.CONFIG);
    HTTP.addHandler(this);
  }

  static HttpRequestLog open() {
    return new HttpRequestLog();
  }

  /** Each request so far: its method and URL, then a header a line. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void publish(LogRecord record) {
    String message = record.getMessage();
    if (message != null && message.startsWith(REQUEST)) {
      requests.add(message.substring(message.indexOf('\n') + 1));
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    HTTP.removeHandler(this);
    HTTP.setLevel(previous);
  }
}
