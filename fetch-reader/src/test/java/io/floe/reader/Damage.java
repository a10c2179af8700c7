package io.floe.reader;

import java.util.Arrays;

/** What storage or a transfer can do to an object's bytes: each kind a record, so a failing try names it. */
sealed interface Damage {
  byte[] applyTo(byte[] bytes);

  /** Whether it changes a byte whose place is marked in {@code places}; truncation changes none. */
  boolean touchesAny(boolean[] places);

  record FlippedBit(int position, int bit) implements Damage {
    @Override
    public byte[] applyTo(byte[] bytes) {
      byte[] damaged = bytes.clone();
      damaged[position] ^= (byte) (1 << bit);
      return damaged;
    }

    @Override
    public boolean touchesAny(boolean[] places) {
      return places[position];
    }
  }

  record Zeroed(int position, int length) implements Damage {
    @Override
    public byte[] applyTo(byte[] bytes) {
      byte[] damaged = bytes.clone();
      Arrays.fill(damaged, position, Math.min(bytes.length, position + length), (byte) 0);
      return damaged;
    }

    @Override
    public boolean touchesAny(boolean[] places) {
      for (int at = position; at < Math.min(places.length, position + length); at++) {
        if (places[at]) {
          return true;
        }
      }
      return false;
    }
  }

  record Truncated(int length) implements Damage {
    @Override
    public byte[] applyTo(byte[] bytes) {
      return Arrays.copyOf(bytes, length);
    }

    @Override
    public boolean touchesAny(boolean[] places) {
      return false;
    }
  }
}
