package io.floe.plugin.storage;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.TrustManager;
import org.apache.iceberg.aws.AwsClientFactories;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.HttpClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOAwsClientFactory;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import org.apache.iceberg.util.PropertyUtil;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client of Floe's S3FileIO when the store's certificate is signed by a private CA: built
 * from the catalog properties as Iceberg's default factory builds it, but with an HTTP client
 * (Apache's or the URL connection one, as {@code http-client.type} says, with its
 * {@code http-client.*} timeouts and limits) that trusts the certificates of the trust store that
 * {@code s3.ssl.truststore.*} names. S3FileIO loads it by class name ({@value #FACTORY}), so the
 * broker's JVM-wide trust store stays as it is.
 */
public final class S3TrustStore implements S3FileIOAwsClientFactory {
  public static final String FACTORY = "s3.client-factory-impl";
  public static final TrustStoreKeys KEYS = new TrustStoreKeys("s3.");

  private Map<String, String> properties;
  private AwsClientProperties client;
  private S3FileIOProperties s3;

  @Override
  public void initialize(Map<String, String> catalogProperties) {
    properties = new HashMap<>(catalogProperties);
    client = new AwsClientProperties(catalogProperties);
    s3 = new S3FileIOProperties(catalogProperties);
  }

  @Override
  public S3Client s3() {
    TrustManager[] trust = KEYS.trustManagers(properties);
    return S3Client.builder()
        .applyMutation(client::applyClientRegionConfiguration)
        .applyMutation(client::applyLegacyMd5Plugin)
        .applyMutation(builder -> builder.httpClientBuilder(httpClient(trust)))
        .applyMutation(s3::applyEndpointConfigurations)
        .applyMutation(s3::applyServiceConfigurations)
        .applyMutation(builder -> s3.applyCredentialConfigurations(client, builder))
        .applyMutation(s3::applySignerConfiguration)
        .applyMutation(s3::applyS3AccessGrantsConfigurations)
        .applyMutation(s3::applyUserAgentConfigurations)
        .applyMutation(s3::applyRetryConfigurations)
        .build();
  }

  /** Iceberg's default asynchronous client: only its analytics accelerator uses one, which Floe's checks refuse with this trust store. */
  @Override
  public S3AsyncClient s3Async() {
    return AwsClientFactories.from(properties).s3Async();
  }

  private SdkHttpClient.Builder<?> httpClient(TrustManager[] trust) {
    String type = properties.getOrDefault(HttpClientProperties.CLIENT_TYPE, HttpClientProperties.CLIENT_TYPE_DEFAULT);
    if (HttpClientProperties.CLIENT_TYPE_URLCONNECTION.equals(type)) {
      UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> trust);
      duration(HttpClientProperties.URLCONNECTION_CONNECTION_TIMEOUT_MS, builder::connectionTimeout);
      duration(HttpClientProperties.URLCONNECTION_SOCKET_TIMEOUT_MS, builder::socketTimeout);
      return builder;
    }
    ApacheHttpClient.Builder builder = ApacheHttpClient.builder().tlsTrustManagersProvider(() -> trust);
    duration(HttpClientProperties.APACHE_CONNECTION_TIMEOUT_MS, builder::connectionTimeout);
    duration(HttpClientProperties.APACHE_SOCKET_TIMEOUT_MS, builder::socketTimeout);
    duration(HttpClientProperties.APACHE_CONNECTION_ACQUISITION_TIMEOUT_MS, builder::connectionAcquisitionTimeout);
    duration(HttpClientProperties.APACHE_CONNECTION_MAX_IDLE_TIME_MS, builder::connectionMaxIdleTime);
    duration(HttpClientProperties.APACHE_CONNECTION_TIME_TO_LIVE_MS, builder::connectionTimeToLive);
    flag(HttpClientProperties.APACHE_EXPECT_CONTINUE_ENABLED, builder::expectContinueEnabled);
    flag(HttpClientProperties.APACHE_TCP_KEEP_ALIVE_ENABLED, builder::tcpKeepAlive);
    flag(HttpClientProperties.APACHE_USE_IDLE_CONNECTION_REAPER_ENABLED, builder::useIdleConnectionReaper);
    Integer maxConnections = PropertyUtil.propertyAsNullableInt(properties, HttpClientProperties.APACHE_MAX_CONNECTIONS);
    if (maxConnections != null) {
      builder.maxConnections(maxConnections);
    }
    return builder;
  }

  private void duration(String key, Consumer<Duration> setter) {
    Long millis = PropertyUtil.propertyAsNullableLong(properties, key);
    if (millis != null) {
      setter.accept(Duration.ofMillis(millis));
    }
  }

  private void flag(String key, Consumer<Boolean> setter) {
    Boolean value = PropertyUtil.propertyAsNullableBoolean(properties, key);
    if (value != null) {
      setter.accept(value);
    }
  }
}
