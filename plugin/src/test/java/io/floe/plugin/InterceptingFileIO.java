package io.floe.plugin;

import io.floe.plugin.storage.LocalFileIO;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * Local files, and once, before the first new file whose location contains a given text, an action:
 * for what happens to the table while an upload is writing (a deletion by the broker's other task).
 */
public final class InterceptingFileIO implements FileIO {
  private static final AtomicReference<Interception> NEXT = new AtomicReference<>();

  private final LocalFileIO local = new LocalFileIO();

  private record Interception(String locationPart, Runnable action) {}

  /** Runs {@code action} before the next new file whose location contains {@code locationPart}. */
  static void beforeNewFile(String locationPart, Runnable action) {
    NEXT.set(new Interception(locationPart, action));
  }

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
    Interception interception = NEXT.get();
    if (interception != null && location.contains(interception.locationPart())
        && NEXT.compareAndSet(interception, null)) {
      interception.action().run();
    }
    return local.newOutputFile(location);
  }

  @Override
  public void deleteFile(String location) {
    local.deleteFile(location);
  }
}
