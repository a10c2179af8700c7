package io.floe.writer.repoint;

import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.commit.ManifestWork;
import io.floe.writer.commit.RetiredFiles;
import io.floe.writer.manifest.ManifestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;

/**
 * The end of a pass: retires the files of the Kafka view's branch that only it holds and that no
 * manifest lists, releases those retired for the grace period and still unlisted, and forgets where
 * copied files' rows went (their segments had their chance), in one commit. The table is read
 * before the manifests are listed, so that a file listed by a manifest written meanwhile is never
 * taken for unlisted.
 */
final class BranchRelease {
  /** How many files the release retired and released. */
  record Released(int retired, int released) {}

  private BranchRelease() {}

  static Released run(Table table, ManifestStore store, String topic, Instant now, Duration grace) {
    table.refresh();
    ViewFiles views = ViewFiles.of(table);
    RetiredFiles retired = RetiredFiles.of(table);
    RewrittenFiles rewritten = RewrittenFiles.of(table);
    Set<String> considered = new HashSet<>(retired.since().keySet());
    considered.addAll(rewritten.into().keySet());
    // A copy whose segments all stayed on their own files is listed by none.
    rewritten.into().values().forEach(placement -> considered.add(placement.file()));
    Set<String> unlisted = views.leftToKafkaView(considered);
    if (unlisted.isEmpty() && retired.since().isEmpty() && rewritten.into().isEmpty()) {
      return new Released(0, 0);
    }
    if (!unlisted.isEmpty()) {
      TopicManifests manifests = TopicManifests.list(table, store, topic);
      for (SegmentRef segment : manifests.listing(unlisted)) {
        manifests.read(segment).ifPresent(manifest -> manifest.files().stream().map(DataFileRef::location)
            .forEach(unlisted::remove));
      }
    }
    RetiredFiles next = retired.next(unlisted, now);
    Set<String> due = next.due(now, grace);
    next = next.without(due);
    if (due.isEmpty() && next.equals(retired) && rewritten.into().isEmpty()) {
      return new Released(0, 0);
    }
    Transaction transaction = table.newTransaction();
    if (!due.isEmpty()) {
      DeleteFiles release = ManifestWork.inCallerThread(transaction.newDelete()).toBranch(KafkaViewBranch.NAME)
          .set(KafkaViewRepointing.OPERATION, KafkaViewRepointing.RELEASE)
          .set(KafkaViewRepointing.RELEASED_FILES, Integer.toString(due.size()));
      due.forEach(release::deleteFile);
      release.commit();
    }
    next.write(transaction.updateProperties());
    if (!rewritten.into().isEmpty()) {
      new RewrittenFiles(Map.of()).write(transaction.updateProperties());
    }
    transaction.commitTransaction();
    Set<String> newlyRetired = new HashSet<>(next.since().keySet());
    newlyRetired.removeAll(retired.since().keySet());
    return new Released(newlyRetired.size(), due.size());
  }
}
