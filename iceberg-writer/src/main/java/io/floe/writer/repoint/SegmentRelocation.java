package io.floe.writer.repoint;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.BatchEntry.RowRun;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.data.MainCompactionFiles;
import io.floe.writer.data.RowGroups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/**
 * Where a segment's rows are now that {@code main}'s compaction took some of its files out, or that
 * Floe copied its small files only the Kafka view holds into a larger one
 * ({@link KafkaOnlyCompaction}). After a compaction of {@code main}, each row of those files is
 * looked up by its offset among the live rows of {@code main} in files a compaction put in; after a
 * copy, by its position in the copy. The segment's manifest is written anew with its batches' runs
 * there; its other files keep their runs. A row found nowhere, or twice, keeps the segment on its
 * own files.
 *
 * <p>A segment is relocated a range of its batches at a time, of at most a bound of offsets (or one
 * batch, if larger): what is held for a range, where each of its offsets was and is now, takes about
 * 20 bytes an offset, so a pass's memory does not grow with the segment's size beyond its manifest.
 */
final class SegmentRelocation {
  private final Table table;
  private final ViewFiles views;
  private final int offsetsAtOnce;
  private final Map<String, List<DataFileRef.RowGroup>> rowGroups = new HashMap<>();
  private final Map<String, Optional<Set<String>>> namedSegments = new HashMap<>();

  /** @param offsetsAtOnce the offsets of a segment relocated at once, at most (unless one batch holds more) */
  SegmentRelocation(Table table, ViewFiles views, int offsetsAtOnce) {
    this.table = table;
    this.views = views;
    this.offsetsAtOnce = offsetsAtOnce;
  }

  /**
   * The segment re-pointed at the files of {@code main}'s snapshot {@code mainSnapshot} that a
   * compaction put in, or why it stays; empty if no file of it was compacted away.
   */
  Optional<Outcome> compacted(SegmentManifest manifest, long mainSnapshot) {
    Set<String> away = views.compactedAway();
    List<DataFileRef> files = manifest.files();
    if (files.stream().noneMatch(file -> away.contains(file.location()))) {
      return Optional.empty();
    }
    SegmentRef segment = manifest.segment();
    Files next = new Files(files, away);
    List<BatchEntry> batches = new ArrayList<>(manifest.batches().size());
    for (List<BatchEntry> range : ranges(manifest.batches())) {
      Optional<String> kept = relocate(manifest, range, away, mainSnapshot, next, batches);
      if (kept.isPresent()) {
        return Optional.of(new Outcome.Kept(segment, kept.get()));
      }
    }
    SegmentManifest after = new SegmentManifest(segment, manifest.tableName(), manifest.dataSchemaJson(),
        manifest.writerSchemas(), next.refs(), batches, manifest.indexes());
    return Optional.of(new Outcome.Relocated(manifest, after, next.targets()));
  }

  /** The manifest's batches in consecutive ranges of at most {@code offsetsAtOnce} offsets, or of one batch. */
  private List<List<BatchEntry>> ranges(List<BatchEntry> batches) {
    List<List<BatchEntry>> ranges = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= batches.size(); i++) {
      if (i == batches.size() || batches.get(i).lastOffset() - batches.get(start).baseOffset() >= offsetsAtOnce) {
        ranges.add(batches.subList(start, i));
        start = i;
      }
    }
    return ranges;
  }

  /**
   * Adds the batches of {@code range} to {@code relocated}, their rows in compacted files now;
   * why the segment stays as it is, if it does.
   */
  private Optional<String> relocate(SegmentManifest manifest, List<BatchEntry> range, Set<String> away,
      long mainSnapshot, Files next, List<BatchEntry> relocated) {
    List<DataFileRef> files = manifest.files();
    Map<Integer, FileOffsets> offsets;
    CompactedRows found;
    try {
      offsets = offsetsOfRowsIn(manifest, range, away);
      found = CompactedRows.of(table, mainSnapshot, manifest.segment(), range.get(0).baseOffset(),
          range.get(range.size() - 1).lastOffset(), views.compacted());
    } catch (IllegalStateException e) {
      return Optional.of(e.getMessage());
    }
    if (found.foundTwice().isPresent()) {
      return Optional.of("offset " + found.foundTwice().getAsLong() + " is in two files of main");
    }
    for (BatchEntry batch : range) {
      List<RowRun> runs = new ArrayList<>();
      for (RowRun run : batch.runs()) {
        if (!offsets.containsKey(run.file())) {
          runs.add(new RowRun(next.index(run.file()), run.firstRow(), run.rowCount()));
          continue;
        }
        for (long row = run.firstRow(); row < run.firstRow() + run.rowCount(); row++) {
          OptionalLong offset = offsets.get(run.file()).at(row);
          if (offset.isEmpty()) {
            return Optional.of(String.format("data file %s has no row %d, which its manifest lists",
                files.get(run.file()).location(), row));
          }
          Optional<CompactedRows.Row> now = found.at(offset.getAsLong());
          if (now.isEmpty()) {
            return Optional.of(String.format("offset %d, in data file %s, is in no file a compaction of main put in",
                offset.getAsLong(), files.get(run.file()).location()));
          }
          String target = now.get().file().location();
          if (!names(target, manifest.segment())) {
            // Release reads only the manifests of the segments it names: one it does not name
            // must not list it, or the file could go while this segment still reads it.
            return Optional.of(String.format("offset %d is in compacted file %s, whose footer does not name the "
                + "segment", offset.getAsLong(), target));
          }
          extend(runs, next.index(now.get().file()), now.get().position());
        }
      }
      relocated.add(new BatchEntry(batch.position(), batch.sizeInBytes(), batch.baseOffset(), batch.lastOffset(),
          batch.fidelity(), runs));
    }
    return Optional.empty();
  }

  /**
   * The segment re-pointed at the copies Floe made of its files only the Kafka view holds, by
   * position; empty if none of its files was copied into a file the branch holds.
   */
  Optional<Outcome> copied(SegmentManifest manifest, RewrittenFiles rewritten, Map<String, DataFile> inBranch) {
    List<DataFileRef> files = manifest.files();
    Map<Integer, RewrittenFiles.Placement> moved = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      RewrittenFiles.Placement placement = rewritten.into().get(files.get(i).location());
      if (placement != null && inBranch.containsKey(placement.file())) {
        moved.put(i, placement);
      }
    }
    if (moved.isEmpty()) {
      return Optional.empty();
    }
    Files next = new Files(files, moved.keySet().stream().map(i -> files.get(i).location()).collect(Collectors.toSet()));
    List<BatchEntry> batches = new ArrayList<>(manifest.batches().size());
    for (BatchEntry batch : manifest.batches()) {
      List<RowRun> runs = new ArrayList<>();
      for (RowRun run : batch.runs()) {
        RewrittenFiles.Placement placement = moved.get(run.file());
        runs.add(placement == null ? new RowRun(next.index(run.file()), run.firstRow(), run.rowCount())
            : new RowRun(next.index(inBranch.get(placement.file())), placement.firstRow() + run.firstRow(),
                run.rowCount()));
      }
      batches.add(new BatchEntry(batch.position(), batch.sizeInBytes(), batch.baseOffset(), batch.lastOffset(),
          batch.fidelity(), runs));
    }
    return Optional.of(new Outcome.Relocated(manifest, new SegmentManifest(manifest.segment(), manifest.tableName(),
        manifest.dataSchemaJson(), manifest.writerSchemas(), next.refs(), batches, manifest.indexes()),
        next.targets()));
  }

  /** For each file of the manifest that was compacted away, the offsets of the rows the batches use, by ordinal. */
  private Map<Integer, FileOffsets> offsetsOfRowsIn(SegmentManifest manifest, List<BatchEntry> batches,
      Set<String> away) {
    Map<Integer, List<RowRun>> runs = new LinkedHashMap<>();
    for (BatchEntry batch : batches) {
      for (RowRun run : batch.runs()) {
        if (away.contains(manifest.files().get(run.file()).location())) {
          runs.computeIfAbsent(run.file(), f -> new ArrayList<>()).add(run);
        }
      }
    }
    Map<Integer, FileOffsets> offsets = new HashMap<>();
    runs.forEach((file, fileRuns) -> offsets.put(file, FileOffsets.of(table, manifest.files().get(file), fileRuns,
        manifest.segment().partition())));
    return offsets;
  }

  /** Whether the file at {@code location} may hold the segment's rows: its footer names it, or names no segment. */
  private boolean names(String location, SegmentRef segment) {
    return namedSegments.computeIfAbsent(location, l -> MainCompactionFiles.segmentsIn(table.io(), l))
        .map(ids -> ids.contains(segment.segmentId())).orElse(true);
  }

  /** Adds a row to the batch's runs: to the last run if it comes right after it in the same file. */
  private static void extend(List<RowRun> runs, int file, long position) {
    if (!runs.isEmpty()) {
      RowRun last = runs.get(runs.size() - 1);
      if (last.file() == file && last.firstRow() + last.rowCount() == position) {
        runs.set(runs.size() - 1, new RowRun(file, last.firstRow(), last.rowCount() + 1));
        return;
      }
    }
    runs.add(new RowRun(file, position, 1));
  }

  /** The re-pointed manifest's files: the segment's files that stay, then the files its rows moved to, as found. */
  private final class Files {
    private final List<DataFileRef> refs = new ArrayList<>();
    private final Map<Integer, Integer> kept = new HashMap<>();
    private final Map<String, Integer> added = new HashMap<>();
    private final List<DataFile> targets = new ArrayList<>();

    Files(List<DataFileRef> before, Set<String> away) {
      for (int i = 0; i < before.size(); i++) {
        if (!away.contains(before.get(i).location())) {
          kept.put(i, refs.size());
          refs.add(before.get(i));
        }
      }
    }

    int index(int before) {
      return kept.get(before);
    }

    /** The index of a file the segment's rows moved to, listed from its first use on. */
    int index(DataFile file) {
      return added.computeIfAbsent(file.location(), location -> {
        List<DataFileRef.RowGroup> groups = rowGroups.computeIfAbsent(location,
            l -> RowGroups.of(table.io().newInputFile(l, file.fileSizeInBytes())));
        refs.add(new DataFileRef(location, file.fileSizeInBytes(), file.recordCount(), groups));
        targets.add(file);
        return refs.size() - 1;
      });
    }

    List<DataFileRef> refs() {
      return refs;
    }

    List<DataFile> targets() {
      return targets;
    }
  }
}
