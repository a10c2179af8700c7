package io.floe.translator.format;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compares two decoded batches field by field, in the order a consumer reads them, and names the
 * first difference. Length and CRC are not compared: they follow from the rest.
 */
public final class BatchComparator {
  private static final int SHOWN_BYTES = 16;

  private BatchComparator() {}

  public static Optional<FieldDifference> firstDifference(DecodedBatch expected, DecodedBatch actual) {
    BatchHeader e = expected.header();
    BatchHeader a = actual.header();
    long offset = e.baseOffset();
    Optional<FieldDifference> header = first(
        field(offset, "baseOffset", e, a, BatchHeader::baseOffset),
        field(offset, "partitionLeaderEpoch", e, a, BatchHeader::partitionLeaderEpoch),
        field(offset, "magic", e, a, BatchHeader::magic),
        field(offset, "attributes", e, a, h -> h.attributes().value()),
        field(offset, "lastOffsetDelta", e, a, BatchHeader::lastOffsetDelta),
        field(offset, "baseTimestamp", e, a, BatchHeader::baseTimestamp),
        field(offset, "maxTimestamp", e, a, BatchHeader::maxTimestamp),
        field(offset, "producerId", e, a, BatchHeader::producerId),
        field(offset, "producerEpoch", e, a, BatchHeader::producerEpoch),
        field(offset, "baseSequence", e, a, BatchHeader::baseSequence));
    if (header.isPresent()) {
      return header;
    }
    List<LogRecord> expectedRecords = expected.records();
    List<LogRecord> actualRecords = actual.records();
    for (int i = 0; i < Math.min(expectedRecords.size(), actualRecords.size()); i++) {
      Optional<FieldDifference> record = compare(e.baseOffset(), expectedRecords.get(i), actualRecords.get(i));
      if (record.isPresent()) {
        return record;
      }
    }
    if (expectedRecords.size() != actualRecords.size()) {
      int common = Math.min(expectedRecords.size(), actualRecords.size());
      long at = common < expectedRecords.size()
          ? e.baseOffset() + expectedRecords.get(common).offsetDelta()
          : a.baseOffset() + actualRecords.get(common).offsetDelta();
      return Optional.of(new FieldDifference(at, "recordCount",
          String.valueOf(expectedRecords.size()), String.valueOf(actualRecords.size())));
    }
    return Optional.empty();
  }

  private static Optional<FieldDifference> compare(long baseOffset, LogRecord e, LogRecord a) {
    long offset = baseOffset + e.offsetDelta();
    return first(
        field(offset, "offsetDelta", e, a, LogRecord::offsetDelta),
        field(offset, "timestampDelta", e, a, LogRecord::timestampDelta),
        field(offset, "recordAttributes", e, a, LogRecord::attributes),
        bytes(offset, "key", e.key(), a.key()),
        bytes(offset, "value", e.value(), a.value()),
        headers(offset, e.headers(), a.headers()));
  }

  private static Optional<FieldDifference> headers(long offset, List<RecordHeader> e, List<RecordHeader> a) {
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      String name = "headers[" + i + "]";
      if (!e.get(i).key().equals(a.get(i).key())) {
        return Optional.of(new FieldDifference(offset, name + ".key", e.get(i).key(), a.get(i).key()));
      }
      Optional<FieldDifference> value = bytes(offset, name + ".value", e.get(i).value(), a.get(i).value());
      if (value.isPresent()) {
        return value;
      }
    }
    return e.size() == a.size()
        ? Optional.empty()
        : Optional.of(new FieldDifference(offset, "headerCount", String.valueOf(e.size()), String.valueOf(a.size())));
  }

  private static <T> Optional<FieldDifference> field(
      long offset, String name, T expected, T actual, Function<T, Object> getter) {
    Object e = getter.apply(expected);
    Object a = getter.apply(actual);
    return e.equals(a) ? Optional.empty() : Optional.of(new FieldDifference(offset, name, e.toString(), a.toString()));
  }

  private static Optional<FieldDifference> bytes(long offset, String name, byte[] expected, byte[] actual) {
    return Arrays.equals(expected, actual)
        ? Optional.empty()
        : Optional.of(new FieldDifference(offset, name, describe(expected), describe(actual)));
  }

  /** Null, or the length and the first bytes in hex: enough to recognise a value in a report. */
  static String describe(byte[] bytes) {
    if (bytes == null) {
      return "null";
    }
    String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, SHOWN_BYTES));
    return bytes.length + " bytes 0x" + hex + (bytes.length > SHOWN_BYTES ? "…" : "");
  }

  @SafeVarargs
  private static Optional<FieldDifference> first(Optional<FieldDifference>... differences) {
    return Arrays.stream(differences).flatMap(Optional::stream).findFirst();
  }
}
