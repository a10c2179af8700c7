package io.floe.translator.value;

import org.apache.iceberg.data.Record;

/**
 * A decoded payload: its record; whether the payload breaks its writer schema in a way the record
 * still holds (a JSON {@code null} where the property's schema admits none, as producers that do
 * not validate write it), which the upload counts so that the schema's owner can see it; and
 * whether the record re-encodes to exactly the payload, without which the value must stay raw.
 */
public record DecodedValue(Record columns, boolean breaksSchema, boolean exact) {}
