package io.floe.plugin;

import io.floe.translator.PackageCycles;
import org.junit.jupiter.api.Test;

/** This module's packages depend on one another one way only ({@link PackageCycles}). */
class PackageCyclesTest {
  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() {
    PackageCycles.assertNoneUnder("io.floe.plugin");
  }
}
