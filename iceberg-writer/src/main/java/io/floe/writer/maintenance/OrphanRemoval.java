package io.floe.writer.maintenance;

import java.util.List;
import java.util.Optional;

/**
 * What an orphan removal did: the files it removed and the segment manifests that went with them,
 * or why it could do nothing.
 *
 * @param skipped why no file was looked at, e.g. a FileIO that cannot list
 */
public record OrphanRemoval(List<String> removed, List<String> manifestsRemoved, Optional<String> skipped) {
  public OrphanRemoval {
    removed = List.copyOf(removed);
    manifestsRemoved = List.copyOf(manifestsRemoved);
  }

  static OrphanRemoval skipped(String why) {
    return new OrphanRemoval(List.of(), List.of(), Optional.of(why));
  }

  OrphanRemoval withManifests(List<String> manifests) {
    return new OrphanRemoval(removed, manifests, skipped);
  }
}
