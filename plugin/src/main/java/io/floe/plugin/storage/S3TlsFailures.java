package io.floe.plugin.storage;

import java.util.Map;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Names the S3 store, and the key of its trust store, in a failure caused by TLS with the store:
 * the AWS SDK's message ({@code Unable to execute HTTP request: PKIX path building failed}) names
 * neither, and an operator must know whose certificate is not trusted.
 *
 * @param endpoint the store's endpoint ({@code s3.endpoint}), or how the SDK finds it without one
 */
public record S3TlsFailures(String endpoint) {
  public static S3TlsFailures of(Map<String, String> catalogProperties) {
    return new S3TlsFailures(catalogProperties.getOrDefault("s3.endpoint", "(AWS's endpoint of the region)"));
  }

  /** The message, with what failed and how to mend it when the failure is TLS with the S3 store. */
  public String explained(String message, Throwable failure) {
    if (!causedByS3Tls(failure)) {
      return message;
    }
    return message + " [TLS with the S3 store " + endpoint + " failed: does the trust store of iceberg.catalog."
        + S3TrustStore.KEYS.location() + " hold the store's certificate or its CA?]";
  }

  private static boolean causedByS3Tls(Throwable failure) {
    boolean sdk = false;
    boolean tls = false;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      sdk |= cause instanceof SdkException;
      tls |= cause instanceof SSLException;
    }
    return sdk && tls;
  }
}
