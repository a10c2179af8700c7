package io.floe.translator.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.row.Fidelity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** A manifest reads back as written, and any damaged byte is refused rather than misread. */
class ManifestCodecProperties {
  @Property(tries = 300)
  void aManifestDecodesToWhatWasEncoded(@ForAll("manifests") SegmentManifest manifest) {
    SegmentManifest decoded = ManifestCodec.decode(ManifestCodec.encode(manifest));

    assertEquals(manifest.segment(), decoded.segment());
    assertEquals(manifest.tableName(), decoded.tableName());
    assertEquals(manifest.dataSchemaJson(), decoded.dataSchemaJson());
    assertEquals(WriterSchemaText.of(manifest.writerSchemas()), WriterSchemaText.of(decoded.writerSchemas()));
    assertEquals(manifest.files(), decoded.files());
    assertEquals(manifest.batches(), decoded.batches());
    assertArrayEquals(manifest.indexes().offsetIndex(), decoded.indexes().offsetIndex());
    assertArrayEquals(manifest.indexes().timeIndex(), decoded.indexes().timeIndex());
    assertEquals(manifest.indexes().transactionIndex().isPresent(), decoded.indexes().transactionIndex().isPresent());
    manifest.indexes().transactionIndex().ifPresent(t -> assertArrayEquals(t, decoded.indexes().transactionIndex().get()));
    assertArrayEquals(manifest.indexes().producerSnapshot(), decoded.indexes().producerSnapshot());
    assertArrayEquals(manifest.indexes().leaderEpoch(), decoded.indexes().leaderEpoch());
  }

  @Property(tries = 300)
  void aManifestWithOneByteChangedIsRefused(
      @ForAll("manifests") SegmentManifest manifest, @ForAll @IntRange(min = 0, max = 1_000_000) int where) {
    byte[] bytes = ManifestCodec.encode(manifest);
    bytes[where % bytes.length] ^= 0x01;

    CorruptManifestException error = assertThrows(CorruptManifestException.class, () -> ManifestCodec.decode(bytes));
    assertTrue(error.getMessage().contains("checksum"), error.getMessage());
  }

  @Property(tries = 100)
  void aTruncatedManifestIsRefused(@ForAll("manifests") SegmentManifest manifest, @ForAll @IntRange(min = 1) int cut) {
    byte[] bytes = ManifestCodec.encode(manifest);
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1 - cut % bytes.length);

    assertThrows(CorruptManifestException.class, () -> ManifestCodec.decode(truncated));
  }

  @Provide
  Arbitrary<SegmentManifest> manifests() {
    Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(30);
    Arbitrary<SegmentRef> segment = Combinators.combine(names, names, Arbitraries.integers().between(0, 10_000),
        names, Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0)).as(SegmentRef::new);
    Arbitrary<DataFileRef.RowGroup> group = Combinators.combine(Arbitraries.longs().greaterOrEqual(0),
        Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0)).as(DataFileRef.RowGroup::new);
    Arbitrary<DataFileRef> file = Combinators.combine(names, Arbitraries.longs().greaterOrEqual(0),
        Arbitraries.longs().greaterOrEqual(0), group.list().ofMaxSize(5)).as(DataFileRef::new);
    Arbitrary<BatchEntry.RowRun> run = Combinators.combine(Arbitraries.integers().between(0, 10),
        Arbitraries.longs().greaterOrEqual(0), Arbitraries.integers().greaterOrEqual(1)).as(BatchEntry.RowRun::new);
    Arbitrary<BatchEntry> batch = Combinators.combine(Arbitraries.longs().greaterOrEqual(0),
        Arbitraries.integers().greaterOrEqual(0), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.of(Fidelity.class),
        run.list().ofMinSize(1).ofMaxSize(3)).as(BatchEntry::new);
    Arbitrary<byte[]> index = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<KafkaIndexes> indexes = Combinators.combine(index, index, index.optional(), index, index)
        .as((offset, time, txn, snapshot, epoch) -> new KafkaIndexes(offset, time, txn, snapshot, epoch));
    return Combinators.combine(segment, names, Arbitraries.strings().ofMaxLength(2000), writerSchema().list().ofMaxSize(3),
        file.list().ofMaxSize(4), batch.list().ofMaxSize(20), indexes).as(SegmentManifest::new);
  }

  private static Arbitrary<WriterSchemaEntry> writerSchema() {
    Arbitrary<StoredSchema> leaf = stored(Arbitraries.just(List.of()));
    Arbitrary<StoredSchema.Reference> reference = Combinators.combine(Arbitraries.strings().ofMaxLength(20),
        Arbitraries.strings().ofMaxLength(20), Arbitraries.integers().between(1, 100), leaf).as(StoredSchema.Reference::new);
    Arbitrary<Map<Integer, Integer>> ids = Arbitraries.maps(Arbitraries.integers().between(1, 500),
        Arbitraries.integers().between(1, 5000)).ofMaxSize(30);
    return Combinators.combine(stored(reference.list().ofMaxSize(2)), Arbitraries.integers().between(0, 20).list()
        .ofMaxSize(3), ids).as(WriterSchemaEntry::new);
  }

  private static Arbitrary<StoredSchema> stored(Arbitrary<List<StoredSchema.Reference>> references) {
    return Combinators.combine(Arbitraries.integers().greaterOrEqual(1), Arbitraries.of(StoredSchema.Format.class),
        Arbitraries.strings().ofMaxLength(300), Arbitraries.bytes().array(byte[].class).ofMaxSize(100), references)
        .as((id, format, text, descriptor, refs) -> new StoredSchema(id, format, text,
            format == StoredSchema.Format.PROTOBUF ? Optional.of(descriptor) : Optional.empty(), refs));
  }

  @Property(tries = 10)
  void anEmptyIndexSetSurvives(@ForAll("manifests") SegmentManifest manifest) {
    SegmentManifest bare = new SegmentManifest(manifest.segment(), manifest.tableName(), manifest.dataSchemaJson(),
        List.of(), List.of(), List.of(), new KafkaIndexes(new byte[0], new byte[0], Optional.empty(), new byte[0], new byte[0]));

    assertEquals(0, ManifestCodec.decode(ManifestCodec.encode(bare)).segmentSizeInBytes());
  }
}
