package io.floe.writer;

import io.floe.translator.manifest.CorruptManifestException;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.manifest.WriterSchemaEntry;
import io.floe.translator.registry.SchemaRegistryException;
import io.floe.translator.segment.AbortedTransaction;
import io.floe.translator.segment.CorruptIndexException;
import io.floe.translator.segment.SegmentFormatException;
import io.floe.translator.segment.TransactionIndex;
import io.floe.translator.table.ColumnBinding;
import io.floe.translator.table.ManifestWriterSchemas;
import io.floe.translator.table.ValueColumnPlacement;
import io.floe.translator.typing.ValueTyper;
import io.floe.translator.value.WriterSchema;
import io.floe.writer.commit.SegmentCommit;
import io.floe.writer.data.AnalystRows;
import io.floe.writer.data.AttemptFiles;
import io.floe.writer.data.RowValues;
import io.floe.writer.data.DataFileException;
import io.floe.writer.data.SegmentDataWriter;
import io.floe.writer.data.WrittenData;
import io.floe.writer.data.WrittenFile;
import io.floe.writer.deletes.LocatedRow;
import io.floe.writer.deletes.PositionDeletes;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.table.IncompatibleTableException;
import io.floe.writer.table.TableResolver;
import io.floe.writer.table.TopicTable;
import io.floe.writer.table.ValueSchemaEvolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.DeleteFile;
import java.util.Optional;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.types.Types;

/**
 * One attempt to upload one segment: data files, then the manifest, then the commit. It keeps
 * track of what it is doing and where, so that a failure says so, and takes back what it wrote
 * when it fails before its commit.
 */
final class UploadAttempt {
  private final SegmentUpload upload;
  private final SegmentRef segment;
  private final TableIdentifier identifier;
  private final TableResolver tables;
  private final ManifestStore manifests;
  private final FileIO io;
  private final WriterSettings settings;
  private final String catalog;
  private final AttemptFiles written;
  private String doing;
  private String at;

  UploadAttempt(SegmentUpload upload, TableIdentifier identifier, TableResolver tables, ManifestStore manifests,
      FileIO io, WriterSettings settings, String catalogName) {
    this.upload = upload;
    this.segment = upload.segment();
    this.identifier = identifier;
    this.tables = tables;
    this.manifests = manifests;
    this.io = io;
    this.settings = settings;
    this.catalog = "catalog " + catalogName;
    this.written = new AttemptFiles(io, segment.segmentId());
  }

  SegmentManifest run() {
    try {
      return upload();
    } catch (UploadFailedException e) {
      throw e;
    } catch (SegmentFormatException | CorruptIndexException | IncompatibleTableException | CorruptManifestException e) {
      written.deleteAll();
      throw UploadFailedException.permanent(segment, e.getMessage(), e);
    } catch (SchemaRegistryException e) {
      written.deleteAll();
      throw UploadFailedException.retriable(segment, "cannot look up writer schema " + e.schemaId(),
          "schema registry " + e.registry(), e);
    } catch (CommitStateUnknownException e) {
      // The commit may have succeeded: its files must stay. A retry finds out which.
      throw UploadFailedException.retriable(segment, "the commit to table " + identifier + " has an unknown outcome",
          catalog, e);
    } catch (DataFileException e) {
      written.deleteAll();
      throw UploadFailedException.retriable(segment, "cannot write data file", e.location(), e.getCause());
    } catch (NoSuchTableException e) {
      written.deleteAll();
      tables.forget(identifier);
      throw UploadFailedException.retriable(segment, doing, at, e);
    } catch (RuntimeException e) {
      written.deleteAll();
      throw UploadFailedException.retriable(segment, doing, at, e);
    }
  }

  private SegmentManifest upload() {
    step("cannot load or create table " + identifier, catalog);
    TopicTable table = tables.resolve(identifier, segment.topic(), segment.topicId());
    if (table.withLatest(latest -> SegmentCommit.has(latest, segment.segmentId()))) {
      return committedManifest();
    }

    step("cannot read the segment", upload.segmentFile().toString());
    ValueTyper values = upload.values();
    List<WriterSchema> writers = values.scan(upload.segmentFile(), segment.partition());
    List<Types.StructType> columns = writers.stream().map(writer -> values.codec(writer.key()).columns()).toList();
    if (!writers.isEmpty()) {
      step("cannot add the columns of writer schemas " + writers + " to table " + identifier, catalog);
      table.withLatest(latest -> ValueSchemaEvolution.evolve(latest, columns));
    }

    step("cannot read the rows of table " + identifier + " the segment replaces", catalog);
    List<AbortedTransaction> aborted = upload.indexes().transactionIndex()
        .map(TransactionIndex::abortedTransactions).orElse(List.of());
    // A view of the table that stays put while the files are written, and what main holds of the
    // segment's offsets and of the transactions it aborts.
    MainRows main = table.withLatest(latest -> MainRows.of(latest, segment, aborted));

    Map<WriterSchema.Key, ColumnBinding> bindings = new HashMap<>();
    List<WriterSchemaEntry> entries = new ArrayList<>(writers.size());
    for (int i = 0; i < writers.size(); i++) {
      ColumnBinding binding = ValueColumnPlacement.bind(main.view().schema(), columns.get(i));
      bindings.put(writers.get(i).key(), binding);
      entries.add(ManifestWriterSchemas.entry(writers.get(i), binding.tableIdsByLocalId()));
    }

    step("cannot read the segment", upload.segmentFile().toString());
    AnalystRows analystRows = new AnalystRows(aborted, main.inRange());
    WrittenData data = new SegmentDataWriter(main.view(), io, written, settings.targetFileSizeBytes(),
        settings.rowGroupSizeBytes(), new RowValues(values, bindings), analystRows)
        .write(upload.segmentFile(), segment.partition());
    List<LocatedRow> replaced = new ArrayList<>(analystRows.replaced());
    replaced.addAll(main.abortedEarlier());
    step("cannot write the delete files of rows the segment replaces", "table " + identifier);
    List<DeleteFile> deletes = PositionDeletes.write(main.view(), replaced, written.namePrefix());
    deletes.forEach(delete -> written.writing(delete.location()));
    SegmentManifest manifest = new SegmentManifest(segment, identifier.toString(),
        SchemaParser.toJson(main.view().schema()), entries, data.files().stream().map(WrittenFile::ref).toList(),
        data.batches(), upload.indexes());

    step("cannot refresh table " + identifier, catalog);
    boolean committed = table.withLatest(latest -> {
      if (SegmentCommit.has(latest, segment.segmentId())) {
        return false;
      }
      step("cannot write manifest", manifests.location(segment));
      written.writing(manifests.location(segment));
      manifests.write(manifest);
      step("cannot commit to table " + identifier, catalog);
      SegmentCommit.commit(latest, segment, data.files().stream().map(WrittenFile::dataFile).toList(),
          data.files().stream().filter(WrittenFile::analystView).map(WrittenFile::dataFile).toList(), deletes,
          replaced.stream().map(row -> row.file().location()).collect(Collectors.toSet()), main.snapshotId());
      return true;
    });
    if (!committed) {
      // Another upload of this segment committed while this one wrote: its files and manifest stand.
      written.deleteAll();
      return committedManifest();
    }
    return manifest;
  }

  private SegmentManifest committedManifest() {
    String location = manifests.location(segment);
    step("cannot read manifest", location);
    return manifests.read(segment).orElseThrow(() -> UploadFailedException.permanent(segment,
        "it is committed to table " + identifier + " but its manifest " + location + " is missing", null));
  }

  private void step(String doing, String at) {
    this.doing = doing;
    this.at = at;
  }
}
