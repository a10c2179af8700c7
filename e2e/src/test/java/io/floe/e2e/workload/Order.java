package io.floe.e2e.workload;

/**
 * What a typed value says, whatever its format: the fields of both schema versions. Under
 * {@link SchemaVersion#V1} the id fits an int, the quantity is written as a string and there is no
 * coupon; under {@link SchemaVersion#V2} the id needs the widened long and every other order has
 * a coupon.
 */
public record Order(long id, String customer, int quantity, String coupon) {
  private static final long BEYOND_INT = 3_000_000_000L;

  /** The {@code number}-th order, as written with {@code version}'s schema. */
  public static Order numbered(int number, SchemaVersion version) {
    String customer = "customer-" + number % 7;
    int quantity = number % 5 + 1;
    return switch (version) {
      case V1 -> new Order(number, customer, quantity, null);
      case V2 -> new Order(BEYOND_INT + number, customer, quantity, number % 2 == 0 ? "SPRING-" + number : null);
    };
  }
}
