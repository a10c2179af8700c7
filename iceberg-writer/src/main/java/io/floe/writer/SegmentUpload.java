package io.floe.writer;

import io.floe.translator.manifest.KafkaIndexes;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.typing.KeyTyper;
import io.floe.translator.typing.ValueTyper;
import java.nio.file.Path;

/**
 * What the broker hands over for one upload, without Kafka types: which segment it is, its
 * {@code .log} file on the broker's disk, and its indexes, kept byte for byte in the manifest; and
 * how its values and keys are to be typed (the topic's formats, the registry); the value typer also
 * counts the values.
 */
public record SegmentUpload(SegmentRef segment, Path segmentFile, KafkaIndexes indexes, ValueTyper values,
    KeyTyper keys) {}
