package io.floe.translator.value.avro;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.Encoder;
import org.apache.iceberg.types.Types;

/** An Avro array as a list column. */
final class ArrayColumn implements AvroColumn {
  private final Types.ListType type;
  private final AvroColumn element;

  ArrayColumn(Types.ListType type, AvroColumn element) {
    this.type = type;
    this.element = element;
  }

  @Override
  public Types.ListType type() {
    return type;
  }

  @Override
  public List<Object> read(AvroInput in) {
    List<Object> list = new ArrayList<>();
    for (long count = in.readBlockCount(); count != 0; count = in.readBlockCount()) {
      for (long i = 0; i < count; i++) {
        list.add(element.read(in));
      }
    }
    return list;
  }

  @Override
  public void write(Object value, Encoder out) throws IOException {
    List<?> list = (List<?>) value;
    out.writeArrayStart();
    out.setItemCount(list.size());
    for (Object item : list) {
      out.startItem();
      element.write(item, out);
    }
    out.writeArrayEnd();
  }
}
