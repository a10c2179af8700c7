package io.floe.e2e.faults;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The start line and header lines of an HTTP/1.1 message, read and written byte for byte as they
 * came: a request's signature (AWS SigV4) covers its headers, so a proxy must not rewrite them.
 */
record HttpHead(String startLine, List<String> headers) {
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  /** Reads a head up to its blank line; empty if the stream ends before a message starts. */
  static Optional<HttpHead> read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return Optional.empty();
        }
        throw new EOFException("Cannot read an HTTP head: the stream ended after " + head.size() + " bytes");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD_BYTES) {
        throw new IOException("Cannot read an HTTP head: longer than " + MAX_HEAD_BYTES + " bytes");
      }
    }
    List<String> lines = List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n"));
    return Optional.of(new HttpHead(lines.get(0), List.copyOf(lines.subList(1, lines.size()))));
  }

  /** The value of the first header named {@code name} (case-insensitive). */
  Optional<String> header(String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    return headers.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
        .map(line -> line.substring(prefix.length()).trim()).findFirst();
  }

  /** This head without the headers named {@code name}. */
  HttpHead without(String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    return new HttpHead(startLine, headers.stream().filter(line -> !line.toLowerCase(Locale.ROOT).startsWith(prefix)).toList());
  }

  /** The word of the start line at {@code index}: a request's method (0) and target (1), a response's status (1). */
  String part(int index) {
    return startLine.split(" ", 3)[index];
  }

  /**
   * The body that follows this head in {@code in}, raw (chunk framing kept): by
   * {@code Transfer-Encoding: chunked}, {@code Content-Length}, or none.
   */
  byte[] readBody(InputStream in) throws IOException {
    if (header("Transfer-Encoding").filter(value -> value.toLowerCase(Locale.ROOT).contains("chunked")).isPresent()) {
      return readChunked(in);
    }
    long length = header("Content-Length").map(Long::parseLong).orElse(0L);
    return in.readNBytes(Math.toIntExact(length));
  }

  byte[] bytes() {
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    headers.forEach(line -> text.append(line).append("\r\n"));
    return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, body);
      int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        String trailer;
        do {
          trailer = readLine(in, body);
        } while (!trailer.isEmpty());
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size + 2);
      if (chunk.length < size + 2) {
        throw new EOFException("Cannot read a chunk of " + size + " bytes: the stream ended");
      }
      body.write(chunk);
    }
  }

  /** Reads a CRLF-ended line, copying its bytes to {@code copy}; returns it without the CRLF. */
  private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("Cannot read a chunk line: the stream ended");
      }
      copy.write(b);
      line.append((char) b);
    }
    copy.write(b);
    return line.toString().strip();
  }
}
