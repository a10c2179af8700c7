package io.floe.translator.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TimestampTypeTest {
  @ParameterizedTest
  @EnumSource(TimestampType.class)
  void everyTypeIsFoundByItsLabel(TimestampType type) {
    assertEquals(type, TimestampType.fromLabel(type.label()));
  }

  @Test
  void anUnknownLabelIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> TimestampType.fromLabel("createtime"));
  }
}
