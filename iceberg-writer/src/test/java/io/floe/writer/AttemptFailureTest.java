package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.manifest.SegmentRef;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.junit.jupiter.api.Test;

/** What a failed upload attempt means for the files it wrote: kept only when its commit may have landed. */
class AttemptFailureTest {
  private static final SegmentRef SEGMENT = new SegmentRef("orders", "Ss2DtWGYQr6zEMpcQ0ZKyg", 3, "SegmentAAAAAAAAAAAAAAA", 0, 9);
  private static final TableIdentifier TABLE = TableIdentifier.of("kafka", "orders");
  private static final UploadStep WRITING = new UploadStep("cannot write data file", "s3://bucket/data/x.parquet");
  private static final UploadStep COMMITTING = new UploadStep("cannot commit to table kafka.orders", "catalog floe");

  @Test
  void aRequestThatTimedOutBeforeTheCommitTakesBackTheAttemptsFiles() {
    AttemptFailure failure = AttemptFailure.of(SEGMENT, TABLE, "catalog floe", WRITING, false,
        new UncheckedIOException(new SocketTimeoutException("Read timed out")));

    assertFalse(failure.outcomeUnknown(), failure.toString());
    assertTrue(failure.exception().retriable());
  }

  @Test
  void anInterruptionLeavesTheOutcomeUnknownInWhateverStep() {
    for (Exception interruption : new Exception[] {new InterruptedException(), new InterruptedIOException(),
        new ClosedByInterruptException()}) {
      AttemptFailure failure = AttemptFailure.of(SEGMENT, TABLE, "catalog floe", WRITING, false,
          new RuntimeException(interruption));

      assertTrue(failure.outcomeUnknown(), interruption.toString());
    }
  }

  @Test
  void aCommitWhoseStateIsUnknownKeepsTheAttemptsFiles() {
    AttemptFailure failure = AttemptFailure.of(SEGMENT, TABLE, "catalog floe", COMMITTING, true,
        new CommitStateUnknownException(new RuntimeException("no answer")));

    assertTrue(failure.outcomeUnknown());
  }
}
