package io.floe.e2e.faults;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Whole HTTP/1.1 answers that a faulty proxy sends instead of the server's, closing the connection after. */
final class HttpAnswers {
  private HttpAnswers() {}

  /** An answer of {@code status} ("503 Slow Down") with {@code body}, and any extra header lines. */
  static byte[] of(String status, String contentType, byte[] body, String... headers) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n")
        .append("Content-Type: ").append(contentType).append("\r\n")
        .append(String.format(Locale.ROOT, "Content-Length: %d\r\n", body.length));
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    byte[] headBytes = head.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] answer = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, answer, headBytes.length, body.length);
    return answer;
  }
}
