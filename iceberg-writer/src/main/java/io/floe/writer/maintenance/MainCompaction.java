package io.floe.writer.maintenance;

import java.util.Map;

/**
 * What a compaction of {@code main} did.
 *
 * @param filesRewritten the data files that left {@code main}
 * @param filesWritten the data files that took their place, one per group and commit
 * @param left the groups left as they were, by name, with the reason
 */
public record MainCompaction(int filesRewritten, int filesWritten, Map<String, String> left) {
  /** The compaction as a line of a pass's log. */
  public String describe() {
    String done = filesRewritten == 0 ? "nothing to compact"
        : "compacted " + filesRewritten + " data files into " + filesWritten;
    return left.isEmpty() ? done : done + ", left " + left;
  }
}
