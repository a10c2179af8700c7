package io.floe.writer.deletes;

import org.apache.iceberg.DataFile;

/**
 * A live row of a table's data file: where it is, and what Kafka says of it.
 *
 * @param file the data file that holds the row
 * @param position the row's position in that file (Iceberg's {@code _pos}), from 0
 * @param transactional bit 4 of the batch attributes: the record belongs to a transaction
 * @param control bit 5 of the batch attributes: the record is a transaction marker
 */
public record LocatedRow(DataFile file, long position, int partition, long offset, int leaderEpoch,
    long producerId, boolean transactional, boolean control) {}
