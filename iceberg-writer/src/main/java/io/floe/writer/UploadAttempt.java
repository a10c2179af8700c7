package io.floe.writer;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.KafkaIndexes;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.segment.AbortedTransaction;
import io.floe.translator.segment.SegmentFormatException;
import io.floe.translator.segment.TransactionIndex;
import io.floe.translator.segment.TransactionMarkers;
import io.floe.translator.table.KeyBinding;
import io.floe.translator.typing.ValueTyper;
import io.floe.translator.value.ValueStats;
import io.floe.translator.value.WriterSchema;
import io.floe.writer.commit.SegmentCommit;
import io.floe.writer.data.AnalystRows;
import io.floe.writer.data.AttemptFiles;
import io.floe.writer.data.Destination;
import io.floe.writer.data.RowKeys;
import io.floe.writer.data.RowValues;
import io.floe.writer.data.SegmentDataWriter;
import io.floe.writer.data.WrittenData;
import io.floe.writer.data.WrittenFile;
import io.floe.writer.deletes.LocatedRow;
import io.floe.writer.deletes.PositionDeletes;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.pending.PendingChange;
import io.floe.writer.pending.PendingFile;
import io.floe.writer.pending.PendingTransactions;
import io.floe.writer.table.TableResolver;
import io.floe.writer.table.TopicTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt to upload one segment, in steps that go one way (docs/architecture.md §6):
 * resolve the table, give it the columns of the values' and keys' writer schemas, see what {@code main}
 * holds of the segment and which transactions are pending (and which aborts of them the segment's
 * transaction index left out), write the data files, settle the pending transactions the segment
 * ends, write the delete files, then write the manifest and commit. Each step runs {@link #in
 * named} so that a failure says what was being done and where; what the attempt wrote is taken
 * back when it fails before its commit.
 */
final class UploadAttempt {
  private static final Logger LOG = LoggerFactory.getLogger(UploadAttempt.class);

  private final SegmentUpload upload;
  private final SegmentRef segment;
  private final TableIdentifier identifier;
  private final TableResolver tables;
  private final ManifestStore manifests;
  private final FileIO io;
  private final WriterSettings settings;
  private final String catalog;
  private final AttemptFiles written;

  UploadAttempt(SegmentUpload upload, TableIdentifier identifier, TableResolver tables, ManifestStore manifests,
      FileIO io, WriterSettings settings, String catalog) {
    this.upload = upload;
    this.segment = upload.segment();
    this.identifier = identifier;
    this.tables = tables;
    this.manifests = manifests;
    this.io = io;
    this.settings = settings;
    this.catalog = catalog;
    this.written = new AttemptFiles(io, segment.segmentId());
  }

  UploadReport run() {
    try {
      return upload();
    } catch (UploadStep.Failure failure) {
      throw failed(failure.step(), failure.getCause());
    }
  }

  private UploadReport upload() {
    TopicTable table = in(resolveTable(), () -> tables.resolve(identifier, segment.topic(), segment.topicId()));
    ValueTyper values = upload.values();
    in(readSegment(), () -> values.scan(upload.segmentFile(), segment.partition()));
    WriterColumns columns = new WriterColumns(values, upload.keys(), in(readSegment(),
        () -> upload.keys().scan(upload.segmentFile(), segment.partition())));
    List<AbortedTransaction> indexed = in(new UploadStep("cannot read the transaction index",
        upload.segmentFile().toString()), () -> upload.indexes().transactionIndex()
        .map(TransactionIndex::abortedTransactions).orElse(List.of()));
    TransactionMarkers markers = in(readSegment(), () -> TransactionMarkers.read(upload.segmentFile()));
    // One refresh, under the table's lock, for all the upload reads of the table before its commit:
    // whether the segment is committed already; the columns of its writer schemas; a view of the
    // table that stays put while the files are written, and what main holds of the segment's
    // offsets and of the transactions it aborts.
    Optional<MainRows> before = in(refreshTable(), () -> table.withLatest(latest -> {
      if (SegmentCommit.has(latest, segment.segmentId())) {
        return Optional.empty();
      }
      in(new UploadStep("cannot add the columns of " + columns + " to table " + identifier, catalog),
          () -> columns.evolve(latest));
      return Optional.of(in(new UploadStep("cannot read the rows of table " + identifier + " the segment replaces",
          catalog), () -> MainRows.of(latest, segment, indexed)));
    }));
    if (before.isEmpty()) {
      return committedEarlier(table);
    }
    MainRows main = before.get();
    List<AbortedTransaction> leftOut = in(new UploadStep("cannot read the aborts other copies of its offsets "
        + "recorded", "table " + identifier), () -> AbortsLeftOut.of(segment, indexed, markers, main));
    List<AbortedTransaction> aborted = new ArrayList<>(indexed);
    aborted.addAll(leftOut);
    KafkaIndexes indexes = in(new UploadStep("cannot add the aborts it left out to the transaction index",
        upload.segmentFile().toString()), () -> withAbortsLeftOut(main.pending(), leftOut));
    UploadStep placing = new UploadStep("cannot place the columns of " + columns, "table " + identifier);
    List<BoundWriter> bound = in(placing, () -> columns.values(main.view().schema()));
    Map<WriterSchema.Key, KeyBinding> boundKeys = in(placing, () -> columns.keys(main.view().schema()));
    AnalystRows analystRows = new AnalystRows(aborted, markers, main.inRange());
    WrittenData data = in(readSegment(), () -> writeData(main, bound, boundKeys, analystRows));
    PendingChange pending = main.pending().advance(segment.segmentId(), segment.startOffset(), segment.endOffset(),
        markers, aborted, pendingFiles(main, data));
    List<LocatedRow> replaced = new ArrayList<>(analystRows.replaced());
    replaced.addAll(main.abortedEarlier());
    List<LocatedRow> superseded = in(new UploadStep("cannot find the rows of pending files written again",
        "table " + identifier), () -> superseded(main, pending.committed()));
    List<DeleteFile> deletes = in(new UploadStep("cannot write the delete files of rows the segment replaces",
        "table " + identifier), () -> writeDeletes(main, replaced, superseded));
    SegmentManifest manifest = in(new UploadStep("cannot describe the segment in its manifest",
        manifests.location(segment)), () -> new SegmentManifest(segment, identifier.toString(),
        SchemaParser.toJson(main.view().schema()), bound.stream().map(BoundWriter::manifestEntry).toList(),
        data.files().stream().map(WrittenFile::ref).toList(), data.batches(), indexes));
    SegmentCommit commit = in(new UploadStep("cannot read the footers of the files of transactions the segment "
        + "commits", "table " + identifier), () -> commitOf(main, data, pending, replaced, deletes).aborting(aborted));
    if (!in(refreshTable(), () -> commit(table, manifest, commit, main.pending()))) {
      // Another upload of this segment committed while this one wrote: its files and manifest stand.
      written.deleteAll();
      return committedEarlier(table);
    }
    return new UploadReport(manifest, upload.values().stats(), pending.next());
  }

  /**
   * The broker's indexes, with the aborts its transaction index left out added to it. The last
   * stable offset of each added entry is at most the partition's first pending row and the
   * transaction's first offset: no transaction Floe knows open at the marker began earlier.
   *
   * <p>A broker from Kafka 4.0 on records at the copy's start whether the segment's own transaction
   * index is empty and then never asks for it (KIP-1058, KAFKA-16780): where the broker's index has no entry at
   * all, the completed one serves the table's {@code main} and Kafka 3.9 brokers only, which the
   * log line says.
   */
  private KafkaIndexes withAbortsLeftOut(PendingTransactions pending, List<AbortedTransaction> leftOut) {
    if (leftOut.isEmpty()) {
      return upload.indexes();
    }
    boolean brokerIndexEmpty = upload.indexes().transactionIndex().map(index -> index.length == 0).orElse(true);
    LOG.warn("The transaction index of segment {} of {}-{} (offsets {}-{}) leaves out the aborts of {}: the broker "
        + "did not know these transactions were open (it rebuilt its producer state from a log that starts after they "
        + "began). {}", segment.segmentId(), segment.topic(), segment.partition(), segment.startOffset(),
        segment.endOffset(), leftOut, brokerIndexEmpty
            ? "Floe adds them and leaves their records out of the table's main branch, but the broker's own index of "
                + "this segment is empty, and brokers from Kafka 4.0 on never read the index of such a segment: "
                + "read_committed consumers reading these offsets from remote storage get the aborted records"
            : "Floe adds them, so that read_committed consumers and the table's main branch leave their records out");
    return upload.indexes().withTransactionIndex(TransactionIndex.adding(upload.indexes().transactionIndex(), leftOut,
        pending.firstOffset().orElse(Long.MAX_VALUE)));
  }

  private WrittenData writeData(MainRows main, List<BoundWriter> writers, Map<WriterSchema.Key, KeyBinding> keys,
      AnalystRows analystRows) {
    RowValues values = new RowValues(upload.values(),
        writers.stream().collect(Collectors.toMap(bound -> bound.writer().key(), BoundWriter::binding)));
    WrittenData data = new SegmentDataWriter(main.view(), io, written, settings.targetFileSizeBytes(),
        settings.rowGroupSizeBytes(), values, new RowKeys(upload.keys(), keys), analystRows)
        .write(upload.segmentFile(), segment.partition());
    checkWithinSegment(data.batches());
    return data;
  }

  /**
   * Every batch's offsets are within those the broker says the segment has: a base offset is not
   * covered by its batch's CRC, and one damaged upwards would put rows at offsets of later segments.
   */
  private void checkWithinSegment(List<BatchEntry> batches) {
    for (BatchEntry batch : batches) {
      if (batch.baseOffset() < segment.startOffset() || batch.lastOffset() > segment.endOffset()) {
        throw new SegmentFormatException(upload.segmentFile(), batch.position(), batch.baseOffset(), "base offset",
            String.format("is corrupt: its offsets %d-%d are outside the segment's %d-%d", batch.baseOffset(),
                batch.lastOffset(), segment.startOffset(), segment.endOffset()));
      }
    }
  }

  /** What the commit adds to and removes from each view, and the partition's pending transactions after it. */
  private SegmentCommit commitOf(MainRows main, WrittenData data, PendingChange pending, List<LocatedRow> replaced,
      List<DeleteFile> deletes) {
    List<DataFile> toMain = new ArrayList<>();
    pending.committed().forEach(file -> toMain.add(file.toDataFile(main.view())));
    data.files().stream().filter(WrittenFile::analystView).map(WrittenFile::dataFile).forEach(toMain::add);
    SegmentCommit commit = SegmentCommit.of(segment)
        .toKafkaView(data.files().stream().map(WrittenFile::dataFile).toList())
        .toMain(toMain)
        .deleting(deletes, replaced.stream().map(row -> row.file().location()).collect(Collectors.toSet()))
        .validatedFrom(main.snapshotId())
        .releasing(pending.released().stream().map(PendingFile::location).toList());
    if (!pending.next().equals(main.pending())) {
      commit.pending(pending.next());
    }
    return commit;
  }

  /** The files of rows the segment leaves pending, by producer. */
  private Map<Long, List<PendingFile>> pendingFiles(MainRows main, WrittenData data) {
    return data.files().stream()
        .filter(file -> file.destination().kind() == Destination.Kind.PENDING)
        .collect(Collectors.groupingBy(file -> file.destination().producerId(), Collectors.mapping(
            file -> PendingFile.written(segment.segmentId(), segment.startOffset(), segment.endOffset(),
                file.dataFile(), main.view().specs().get(file.dataFile().specId())), Collectors.toList())));
  }

  /** The rows of committed pending files that later uploads of their offsets wrote again: they stay out of main. */
  private List<LocatedRow> superseded(MainRows main, List<PendingFile> committed) {
    List<LocatedRow> rows = new ArrayList<>();
    for (PendingFile file : committed) {
      for (PendingFile.Offsets range : file.superseded()) {
        rows.addAll(main.pendingRows(segment.partition(), file.location(), range.first(), range.last()));
      }
    }
    return rows;
  }

  private List<DeleteFile> writeDeletes(MainRows main, List<LocatedRow> replaced, List<LocatedRow> superseded) {
    List<LocatedRow> all = new ArrayList<>(replaced);
    all.addAll(superseded);
    List<DeleteFile> deletes = PositionDeletes.write(main.view(), all, written.namePrefix());
    deletes.forEach(delete -> written.writing(delete.location()));
    return deletes;
  }

  /**
   * Writes the manifest and commits, unless the segment is committed by now; true if this attempt
   * committed it. The partition's pending transactions must still be those the upload began with:
   * Kafka deletes segments while it copies others, and a deletion changes them.
   */
  private boolean commit(TopicTable table, SegmentManifest manifest, SegmentCommit commit, PendingTransactions pending) {
    return table.withLatest(latest -> {
      if (SegmentCommit.has(latest, segment.segmentId())) {
        return false;
      }
      in(commitTable(), () -> {
        if (!PendingTransactions.of(latest, segment.partition()).equals(pending)) {
          throw new CommitFailedException("Cannot commit segment %s: the pending transactions of partition %d changed "
              + "while it was written (a segment of the partition was deleted meanwhile)", segment.segmentId(),
              segment.partition());
        }
        return pending;
      });
      String location = manifests.location(segment);
      in(new UploadStep("cannot write manifest", location), () -> {
        written.writing(location);
        manifests.write(manifest);
        return location;
      });
      in(commitTable(), () -> {
        commit.commitTo(latest, written::writing);
        return segment;
      });
      return true;
    });
  }

  /** The report of an upload of the same segment that committed first: its manifest, no values of this attempt. */
  private UploadReport committedEarlier(TopicTable table) {
    String location = manifests.location(segment);
    SegmentManifest manifest = in(new UploadStep("cannot read manifest", location), () -> manifests.read(segment))
        .filter(SegmentManifest.class::isInstance).map(SegmentManifest.class::cast)
        .orElseThrow(() -> UploadFailedException.permanent(segment,
            "it is committed to table " + identifier + " but its manifest " + location + " is missing or a classic segment's", null));
    PendingTransactions pending = in(refreshTable(), () -> table.withLatest(
        latest -> PendingTransactions.of(latest, segment.partition())));
    return new UploadReport(manifest, new ValueStats(), pending);
  }

  /** Runs {@code work} as {@code step}: a failure carries the step, unless an inner step already named it. */
  private static <T> T in(UploadStep step, Supplier<T> work) {
    try {
      return work.get();
    } catch (UploadStep.Failure | UploadFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UploadStep.Failure(step, e);
    }
  }

  /** What a failure in {@code step} means for the broker, with what the attempt wrote taken back unless its commit may have landed. */
  private UploadFailedException failed(UploadStep step, RuntimeException e) {
    AttemptFailure failure = AttemptFailure.of(segment, identifier, catalog, step, step.equals(commitTable()), e);
    if (!failure.outcomeUnknown()) {
      written.deleteAll();
    }
    if (failure.tableGone()) {
      tables.forget(identifier);
    }
    return failure.exception();
  }

  private UploadStep commitTable() {
    return new UploadStep("cannot commit to table " + identifier, catalog);
  }

  private UploadStep resolveTable() {
    return new UploadStep("cannot load or create table " + identifier, catalog);
  }

  private UploadStep refreshTable() {
    return new UploadStep("cannot refresh table " + identifier, catalog);
  }

  private UploadStep readSegment() {
    return new UploadStep("cannot read the segment", upload.segmentFile().toString());
  }
}
