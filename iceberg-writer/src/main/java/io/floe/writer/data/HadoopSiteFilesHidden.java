package io.floe.writer.data;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The thread context class loader under which Floe builds a Parquet writer: it hides Hadoop's
 * default resources and delegates everything else to the plugin's loader.
 *
 * <p>Iceberg gives every Parquet writer of a {@code FileIO} file a new Hadoop
 * {@code Configuration}, which captures the context loader, looks Hadoop's default resources up
 * through it ({@code core-default.xml}, {@code core-site.xml}, and {@code mapred-default.xml} and
 * {@code mapred-site.xml} once Parquet has loaded {@code JobConf}) and parses those it finds (over
 * 200 KB of XML) once per data file: with 1 MiB segments, an eighth of the broker's copy time. No
 * Hadoop file system is used on this path, and Parquet and its codecs default in code every key
 * they read, so the writer needs none of these files; Floe's Parquet settings are the table's
 * properties.
 */
final class HadoopSiteFilesHidden extends ClassLoader {
  /** Hadoop's default resources: core's, and those its other modules add (JobConf's mapred-*). */
  private static final Pattern HIDDEN = Pattern.compile("[a-z]+-(default|site)\\.xml");
  private static final HadoopSiteFilesHidden INSTANCE =
      new HadoopSiteFilesHidden(HadoopSiteFilesHidden.class.getClassLoader());

  static {
    registerAsParallelCapable();
  }

  private HadoopSiteFilesHidden(ClassLoader parent) {
    super("floe-parquet-writer", parent);
  }

  /** Runs {@code action} with this loader as the thread's context class loader. */
  static <T> T around(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(INSTANCE);
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public URL getResource(String name) {
    return HIDDEN.matcher(name).matches() ? null : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return HIDDEN.matcher(name).matches() ? Collections.emptyEnumeration() : super.getResources(name);
  }
}
