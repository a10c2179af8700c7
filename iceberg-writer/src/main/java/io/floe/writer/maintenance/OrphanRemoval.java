package io.floe.writer.maintenance;

import java.util.List;
import java.util.Optional;

/**
 * What an orphan removal did: the files it removed, or why it could do nothing.
 *
 * @param skipped why no file was looked at, e.g. a FileIO that cannot list
 */
public record OrphanRemoval(List<String> removed, Optional<String> skipped) {
  public OrphanRemoval {
    removed = List.copyOf(removed);
  }

  static OrphanRemoval skipped(String why) {
    return new OrphanRemoval(List.of(), Optional.of(why));
  }
}
