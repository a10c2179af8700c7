package io.floe.e2e.bench;

import io.floe.e2e.floe.MainCommits;
import io.floe.e2e.floe.TableFile;
import io.floe.writer.commit.KafkaViewBranch;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.iceberg.SnapshotRef;

/**
 * What a topic's table holds at the end of a run, as of the last look at it: {@code main}'s data
 * files per (table partition, Kafka partition), its snapshots and bytes, and the {@code floe}
 * branch's files. A file holding several Kafka partitions would count for each: a reader of any of
 * them opens it.
 *
 * @param files all of {@code main}'s data files
 * @param filesCommittedBefore those a snapshot of {@code main} committed before the compaction's
 *     cut-off (the end less its min age), as the compaction picks the files it may take: a
 *     compaction's own file is committed anew each time it grows, so that it seldom counts here
 * @param filesOfRowsBefore those holding a row older than the compaction's cut-off: the files a
 *     query of the rows before it opens
 * @param filesOfRowsBeforeAPass those holding a row older than the cut-off less a maintenance
 *     interval: a file passes the min age up to an interval before a pass compacts it, so that
 *     this is what maintenance has had the time to compact
 * @param tableBytes the bytes of the data files either branch holds, each counted once
 */
record TableLayout(Spread files, Spread filesCommittedBefore, Spread filesOfRowsBefore, Spread filesOfRowsBeforeAPass,
    int mainFiles, long mainBytes, int mainSnapshots, int floeFiles, long floeBytes, long tableBytes) {

  /**
   * Data files per (table partition, Kafka partition) that has any: the most, and the mean.
   *
   * @param groups how many (table partition, Kafka partition) have a file
   */
  record Spread(int max, double mean, int groups) {
    static Spread of(List<TableFile> files) {
      Map<String, Integer> perGroup = new HashMap<>();
      for (TableFile file : files) {
        for (int partition = file.firstKafkaPartition(); partition <= file.lastKafkaPartition(); partition++) {
          perGroup.merge(file.tablePartition() + " " + partition, 1, Integer::sum);
        }
      }
      return new Spread(perGroup.values().stream().mapToInt(Integer::intValue).max().orElse(0),
          perGroup.values().stream().mapToInt(Integer::intValue).average().orElse(0), perGroup.size());
    }
  }

  /**
   * The layout of the table {@code commits} watches, as of its last look.
   *
   * @param cutOff the end of the run less the compaction's min age
   * @param passBefore that less the maintenance interval
   */
  static TableLayout of(MainCommits commits, Instant cutOff, Instant passBefore) {
    List<TableFile> main = commits.filesOfMain();
    Map<String, Long> mainSizes = commits.fileSizesOf(SnapshotRef.MAIN_BRANCH);
    Map<String, Long> floeSizes = commits.fileSizesOf(KafkaViewBranch.NAME);
    Map<String, Long> either = new HashMap<>(mainSizes);
    either.putAll(floeSizes);
    Predicate<TableFile> committedBefore = file -> commits.committedAt(file.location())
        .orElseThrow(() -> new IllegalStateException("Cannot date data file " + file.location()
            + " of main: no look saw the snapshot that added it"))
        .isBefore(cutOff);
    return new TableLayout(Spread.of(main), Spread.of(main.stream().filter(committedBefore).toList()),
        Spread.of(main.stream().filter(file -> file.oldestRow().isBefore(cutOff)).toList()),
        Spread.of(main.stream().filter(file -> file.oldestRow().isBefore(passBefore)).toList()),
        main.size(), sum(mainSizes), commits.snapshotsOfMain(), floeSizes.size(), sum(floeSizes), sum(either));
  }

  private static long sum(Map<String, Long> sizes) {
    return sizes.values().stream().mapToLong(Long::longValue).sum();
  }
}
