package io.floe.plugin;

import io.floe.plugin.storage.LocalFileIO;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Local files whose deletes take as long as an object store's round trip, so that a maintenance
 * pass spends seconds deleting orphans: long enough for a test to kill it among them.
 */
public final class SlowDeletesFileIO implements FileIO, SupportsPrefixOperations {
  private static final long DELETE_MILLIS = 20;

  private final LocalFileIO local = new LocalFileIO();

  @Override
  public void initialize(Map<String, String> properties) {
    local.initialize(properties);
  }

  @Override
  public Map<String, String> properties() {
    return local.properties();
  }

  @Override
  public InputFile newInputFile(String location) {
    return local.newInputFile(location);
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return local.newOutputFile(location);
  }

  @Override
  public void deleteFile(String location) {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DELETE_MILLIS));
    local.deleteFile(location);
  }

  @Override
  public Iterable<FileInfo> listPrefix(String prefix) {
    return local.listPrefix(prefix);
  }

  @Override
  public void deletePrefix(String prefix) {
    local.deletePrefix(prefix);
  }
}
