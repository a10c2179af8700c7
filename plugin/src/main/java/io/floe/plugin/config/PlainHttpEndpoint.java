package io.floe.plugin.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An endpoint the configuration reaches over plain HTTP beyond this machine: credentials (S3 keys,
 * catalog tokens, registry passwords) and data then cross the network unencrypted. Found among the
 * values of the keys given to the catalog and to the registry client, each an address or a
 * comma-separated list of them; only the scheme, host and port are kept, never a user's name,
 * password, path or query, so that one can be logged.
 *
 * @param key the configuration key whose value names it
 * @param endpoint {@code http://host[:port]}
 */
public record PlainHttpEndpoint(String key, String endpoint) {
  private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\.\\d{1,3}){3}");

  /** The plain HTTP endpoints beyond loopback among {@code values}, in key order. */
  static List<PlainHttpEndpoint> in(Map<String, String> values) {
    List<PlainHttpEndpoint> found = new ArrayList<>();
    values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
      if (entry.getValue() == null) {
        return;
      }
      for (String address : entry.getValue().split(",")) {
        address = address.trim();
        if (!address.toLowerCase(Locale.ROOT).startsWith("http://")) {
          continue;
        }
        try {
          URI uri = new URI(address);
          if (uri.getHost() != null && !loopback(uri.getHost())) {
            found.add(new PlainHttpEndpoint(entry.getKey(),
                "http://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())));
          }
        } catch (URISyntaxException e) {
          // Not an address Floe can tell anything of; the client that uses it refuses it.
        }
      }
    });
    return found;
  }

  /** The warning a broker logs for it. */
  public String warning() {
    return "Floe reaches " + endpoint + " (" + key + ") over plain HTTP: credentials and data cross the network "
        + "unencrypted; use https";
  }

  private static boolean loopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.equals("localhost") || name.endsWith(".localhost") || LOOPBACK_IPV4.matcher(name).matches()
        || name.equals("[::1]") || name.equals("::1");
  }
}
