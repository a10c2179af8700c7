package io.floe.translator.value;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** One byte of damage to a payload a format's own writer wrote: flipped, cut there, inserted or appended. */
public record PayloadDamage(Kind kind, int at, byte with) {
  public enum Kind { FLIP, CUT, INSERT, APPEND }

  /** Any damage, anywhere. */
  public static Arbitrary<PayloadDamage> any() {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes())
        .as(PayloadDamage::new);
  }

  public byte[] applyTo(byte[] payload) {
    int i = payload.length == 0 ? 0 : Math.floorMod(at, payload.length);
    return switch (kind) {
      case FLIP -> {
        byte[] bytes = payload.clone();
        if (bytes.length > 0) {
          bytes[i] ^= with == 0 ? 1 : with;
        }
        yield bytes;
      }
      case CUT -> Arrays.copyOf(payload, i);
      case INSERT -> {
        byte[] bytes = new byte[payload.length + 1];
        System.arraycopy(payload, 0, bytes, 0, i);
        bytes[i] = with;
        System.arraycopy(payload, i, bytes, i + 1, payload.length - i);
        yield bytes;
      }
      case APPEND -> {
        byte[] bytes = Arrays.copyOf(payload, payload.length + 1);
        bytes[payload.length] = with;
        yield bytes;
      }
    };
  }
}
