package io.floe.writer.deletes;

import io.floe.writer.LocalFileIO;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.io.InputFile;

/** Local files, remembering which were opened for reading. */
final class RecordingFileIO extends LocalFileIO {
  private final List<String> opened = new ArrayList<>();

  @Override
  public InputFile newInputFile(String location) {
    opened.add(location);
    return super.newInputFile(location);
  }

  /** The Parquet files opened so far. */
  List<String> openedParquet() {
    return opened.stream().filter(location -> location.endsWith(".parquet")).toList();
  }
}
