package io.floe.e2e.faults;

import java.util.Optional;

/** The kinds of S3 requests faults are injected on, told apart by method and target (path-style). */
public enum StoreOperation {
  /** PutObject, and the steps of a multipart upload (create, parts, complete, abort). */
  UPLOAD,
  /** GetObject, ranged or whole, and HeadObject. */
  READ,
  /** ListObjects (v1 or v2) of a bucket. */
  LIST,
  /** DeleteObject and DeleteObjects. */
  DELETE;

  /**
   * The operation of a request with {@code method} on {@code target} ({@code /bucket/key?query}),
   * or none for requests on buckets themselves (creating one, asking its location…), which are
   * never faulted.
   */
  public static Optional<StoreOperation> of(String method, String target) {
    int queryStart = target.indexOf('?');
    String path = queryStart < 0 ? target : target.substring(0, queryStart);
    String query = queryStart < 0 ? "" : target.substring(queryStart + 1);
    boolean onObject = path.indexOf('/', 1) > 0 && path.indexOf('/', 1) < path.length() - 1;
    boolean multipart = query.startsWith("uploads") || query.contains("uploadId=");
    return Optional.ofNullable(switch (method) {
      case "PUT" -> onObject ? UPLOAD : null;
      case "POST" -> hasParameter(query, "delete") ? DELETE : multipart ? UPLOAD : null;
      case "GET" -> onObject ? READ : isListing(query) ? LIST : null;
      case "HEAD" -> onObject ? READ : null;
      case "DELETE" -> onObject ? multipart ? UPLOAD : DELETE : null;
      default -> null;
    });
  }

  /** ListObjects v2, or v1 (no query at all, or a prefix): not a bucket sub-resource such as {@code ?location}. */
  private static boolean isListing(String query) {
    return query.isEmpty() || hasParameter(query, "list-type") || hasParameter(query, "prefix");
  }

  private static boolean hasParameter(String query, String name) {
    for (String parameter : query.split("&")) {
      if (parameter.equals(name) || parameter.startsWith(name + "=")) {
        return true;
      }
    }
    return false;
  }
}
