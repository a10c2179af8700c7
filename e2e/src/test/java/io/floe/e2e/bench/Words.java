package io.floe.e2e.bench;

import java.util.SplittableRandom;

/** Words an event stream is made of (event types, devices, cities, categories, states), drawn from a seeded source. */
final class Words {
  private static final String[] WORDS = {
      "page_view", "add_to_cart", "checkout", "login", "logout", "search", "click", "scroll",
      "mobile", "desktop", "tablet", "chrome", "firefox", "safari", "edge", "android", "ios",
      "Berlin", "Lisbon", "Osaka", "Toronto", "Nairobi", "Lima", "Oslo", "Austin", "Pune",
      "electronics", "books", "garden", "toys", "grocery", "fashion", "sports", "music",
      "pending", "shipped", "delivered", "returned", "cancelled", "paid", "refunded"};

  private final SplittableRandom random;

  Words(SplittableRandom random) {
    this.random = random;
  }

  String next() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  /** Words separated by spaces, cut to exactly {@code length} characters. */
  String text(int length) {
    StringBuilder text = new StringBuilder(length + 16);
    while (text.length() < length) {
      text.append(next()).append(' ');
    }
    text.setLength(length);
    return text.toString();
  }
}
