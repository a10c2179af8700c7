package io.floe.writer;

import io.floe.translator.manifest.CorruptManifestException;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.registry.SchemaRegistryException;
import io.floe.translator.segment.CorruptIndexException;
import io.floe.translator.segment.SegmentFormatException;
import io.floe.writer.data.DataFileException;
import io.floe.writer.table.IncompatibleTableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.RESTException;

/**
 * What a failed upload attempt means: what the broker is told (retriable or not, naming the step
 * and where), whether the commit may have landed (then the attempt's files must stay: a retry finds
 * out which), and whether the table is gone from the catalog (then its cached handle is stale).
 */
record AttemptFailure(UploadFailedException exception, boolean outcomeUnknown, boolean tableGone) {

  /**
   * The meaning of {@code e}, thrown in {@code step} of an upload of {@code segment} to {@code
   * table} at {@code catalog}; {@code committing} when the step is the commit itself.
   */
  static AttemptFailure of(SegmentRef segment, TableIdentifier table, String catalog, UploadStep step,
      boolean committing, RuntimeException e) {
    if (e instanceof CommitStateUnknownException || (committing && unanswered(e))) {
      return unknownOutcome(UploadFailedException.retriable(segment,
          "the commit to table " + table + " has an unknown outcome", catalog, e));
    }
    if (interrupted(e)) {
      // The broker cancels a copy by interrupting it (a leadership change): the commit may have
      // gone through before Iceberg noticed; orphan removal takes the files if not.
      return unknownOutcome(UploadFailedException.retriable(segment,
          "the upload was interrupted, the commit to table " + table + " has an unknown outcome", catalog, e));
    }
    if (e instanceof SegmentFormatException || e instanceof CorruptIndexException
        || e instanceof IncompatibleTableException || e instanceof CorruptManifestException) {
      return failed(UploadFailedException.permanent(segment, e.getMessage(), e));
    }
    if (e instanceof SchemaRegistryException registry) {
      return failed(UploadFailedException.retriable(segment, "cannot look up writer schema " + registry.schemaId(),
          "schema registry " + registry.registry(), e));
    }
    if (e instanceof DataFileException file) {
      return failed(UploadFailedException.retriable(segment, "cannot write data file", file.location(), file.getCause()));
    }
    if (e instanceof ForbiddenException) {
      return failed(UploadFailedException.permanent(segment, step.doing() + " at " + step.where()
          + ": the catalog does not permit it to Floe's principal: " + e.getMessage(), e));
    }
    return new AttemptFailure(UploadFailedException.retriable(segment, step.doing(), step.where(), e), false,
        e instanceof NoSuchTableException || e instanceof NoSuchNamespaceException);
  }

  private static AttemptFailure unknownOutcome(UploadFailedException exception) {
    return new AttemptFailure(exception, true, false);
  }

  private static AttemptFailure failed(UploadFailedException exception) {
    return new AttemptFailure(exception, false, false);
  }

  /**
   * Whether a request went unanswered (timed out, connection lost): a REST catalog may have applied a
   * commit it did not answer, and Iceberg's REST client reports that as a failure, not as unknown.
   */
  private static boolean unanswered(RuntimeException e) {
    return e instanceof RESTException && e.getCause() instanceof IOException;
  }

  /**
   * Whether the thread was interrupted, or the failure comes of an interruption (Iceberg's {@code
   * Tasks} wraps it). A socket timeout is an {@code InterruptedIOException} too, but no interruption:
   * a request that timed out before the commit leaves nothing that may have landed.
   */
  private static boolean interrupted(RuntimeException e) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException || cause instanceof ClosedByInterruptException
          || (cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException))) {
        return true;
      }
    }
    return false;
  }
}
