package io.floe.writer.classic;

import io.floe.translator.manifest.SegmentRef;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the broker hands over for one upload of a classic segment, without Kafka types: the
 * segment file and its index files on the broker's disk, and the leader-epoch checkpoint, which
 * the broker hands over in memory.
 */
public record ClassicUpload(SegmentRef segment, Path segmentFile, Path offsetIndex, Path timeIndex,
    Optional<Path> transactionIndex, Path producerSnapshot, byte[] leaderEpochCheckpoint) {}
