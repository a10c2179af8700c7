package io.floe.translator.value.avro;

import java.io.IOException;
import org.apache.avro.io.Encoder;
import org.apache.iceberg.types.Type;

/**
 * A union of one type besides {@code null}: {@code [null, T]} or {@code [T, null]} is an optional T,
 * {@code [T]} a T. The payload still names the branch, so the column keeps which one is which.
 */
final class OptionColumn implements AvroColumn {
  static final int NO_NULL = -1;

  private final AvroColumn value;
  private final int valueBranch;
  private final int nullBranch;

  /** {@code nullBranch} is {@link #NO_NULL} for a union of {@code T} alone. */
  OptionColumn(AvroColumn value, int valueBranch, int nullBranch) {
    this.value = value;
    this.valueBranch = valueBranch;
    this.nullBranch = nullBranch;
  }

  @Override
  public Type type() {
    return value.type();
  }

  @Override
  public boolean optional() {
    return nullBranch != NO_NULL;
  }

  @Override
  public Object read(AvroInput in) {
    int branch = in.readInt();
    if (branch == valueBranch) {
      return value.read(in);
    }
    if (branch == nullBranch && nullBranch != NO_NULL) {
      return null;
    }
    throw in.malformed("union branch " + branch + " of a union of " + (optional() ? 2 : 1));
  }

  @Override
  public void write(Object item, Encoder out) throws IOException {
    if (item == null) {
      if (!optional()) {
        throw new IllegalArgumentException("Cannot encode null as a union without a null branch");
      }
      out.writeIndex(nullBranch);
    } else {
      out.writeIndex(valueBranch);
      value.write(item, out);
    }
  }
}
