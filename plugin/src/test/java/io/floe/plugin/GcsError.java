package io.floe.plugin;

import java.nio.charset.StandardCharsets;

/** An error of the Cloud Storage JSON API, in the body Cloud Storage sends it with. */
record GcsError(int status, String reason, String message) {
  static GcsError noSuchBucket() {
    return new GcsError(404, "notFound", "The specified bucket does not exist.");
  }

  static GcsError noSuchObject(String bucket, String name) {
    return new GcsError(404, "notFound", "No such object: " + bucket + "/" + name);
  }

  byte[] body() {
    String quoted = GcsJson.quoted(message);
    return ("{\"error\":{\"code\":" + status + ",\"message\":" + quoted + ",\"errors\":[{\"message\":" + quoted
        + ",\"domain\":\"global\",\"reason\":\"" + reason + "\"}]}}").getBytes(StandardCharsets.UTF_8);
  }
}
