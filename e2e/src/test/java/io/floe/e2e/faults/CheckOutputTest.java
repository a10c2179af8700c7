package io.floe.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckOutputTest {
  /** As bin/floe check printed it after a REST catalog fault run, shortened. */
  private static final String OUT = """
      unreachable: /w/kafka/payments/data/d/Fg-0.parquet: listed by segment Fg of payments-0, manifest /w/_floe/manifests/p/0/Fg.floe-manifest, not in branch floe of table kafka.payments
      missing: /w/kafka/payments/data/d/Vl-0.parquet: listed by segment Vl of payments-0, manifest /w/_floe/manifests/p/0/Vl.floe-manifest, not in the object store
      orphan: s3://floe-warehouse/warehouse/kafka/payments/data/d/Gk-1.parquet (8619 bytes): under the data location of table kafka.payments, in no snapshot of it and no manifest
      checked 45 manifests, 82 data files, 1 tables; orphans listed under /w/kafka/payments/data/
      problems: 3
      """;

  @Test
  void eachProblemLineIsAProblemAndTheSummaryIsNot() {
    assertEquals(3, CheckOutput.of(OUT).problems().size());
  }

  @Test
  void aProblemNamesItsFileWithoutTheColonOrSizeAfterIt() {
    CheckOutput check = CheckOutput.of(OUT);

    assertEquals(Set.of("s3://floe-warehouse/warehouse/kafka/payments/data/d/Gk-1.parquet"), check.files("orphan"));
    assertEquals(Set.of("/w/kafka/payments/data/d/Fg-0.parquet"), check.files("unreachable"));
  }

  @Test
  void aCleanRunHasNoProblem() {
    String clean = "checked 13 manifests, 23 data files, 1 tables; orphans listed under /w/\nno problems\n";

    assertEquals(List.of(), CheckOutput.of(clean).problems());
  }
}
