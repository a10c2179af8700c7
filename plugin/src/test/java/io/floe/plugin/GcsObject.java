package io.floe.plugin;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.CRC32C;

/** One generation of an object of the loopback Cloud Storage: its bytes, and its resource as the JSON API gives it. */
record GcsObject(String bucket, String name, byte[] content, long generation, Instant created) {
  long size() {
    return content.length;
  }

  /** The object resource, with its sizes and generations as strings, as the JSON API writes 64-bit integers. */
  String resource() {
    String created = this.created.toString();
    return "{\"kind\":\"storage#object\""
        + ",\"id\":" + GcsJson.quoted(bucket + "/" + name + "/" + generation)
        + ",\"name\":" + GcsJson.quoted(name)
        + ",\"bucket\":" + GcsJson.quoted(bucket)
        + ",\"generation\":\"" + generation + "\""
        + ",\"metageneration\":\"1\""
        + ",\"contentType\":\"application/octet-stream\""
        + ",\"storageClass\":\"STANDARD\""
        + ",\"size\":\"" + size() + "\""
        + ",\"md5Hash\":\"" + md5() + "\""
        + ",\"crc32c\":\"" + crc32c() + "\""
        + ",\"etag\":\"" + etag() + "\""
        + ",\"timeCreated\":\"" + created + "\""
        + ",\"updated\":\"" + created + "\""
        + ",\"timeStorageClassUpdated\":\"" + created + "\"}";
  }

  String etag() {
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(generation).array());
  }

  private String crc32c() {
    CRC32C crc = new CRC32C();
    crc.update(content);
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue()).array());
  }

  private String md5() {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
