package io.floe.translator.row;

import io.floe.translator.format.FieldDifference;

/** What comparing a rebuilt batch with the original found. */
public sealed interface RebuildOutcome {
  /** The rebuilt batch gives back the original, bytes or records. */
  record Identical(Fidelity fidelity) implements RebuildOutcome {}

  /** The rebuilt batch differs where a consumer would see it. */
  record Mismatch(FieldDifference difference) implements RebuildOutcome {}
}
