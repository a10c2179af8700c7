package io.floe.writer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class HadoopSiteFilesHiddenTest {

  @Test
  void aConfigurationMadeUnderItHasNoHadoopDefaults() {
    Configuration hidden = HadoopSiteFilesHidden.around(Configuration::new);

    assertNull(hidden.get("fs.defaultFS"));
    assertEquals("file:///", new Configuration().get("fs.defaultFS"));
  }

  @Test
  void aConfigurationMadeUnderItHasNoMapReduceDefaultsOnceJobConfAddedThem() throws Exception {
    Class.forName("org.apache.hadoop.mapred.JobConf");

    Configuration hidden = HadoopSiteFilesHidden.around(Configuration::new);

    assertNull(hidden.get("mapreduce.job.reduces"));
    assertEquals("1", new Configuration().get("mapreduce.job.reduces"));
  }

  @Test
  void classesAndOtherResourcesStillLoadThroughIt() throws Exception {
    ClassLoader context = HadoopSiteFilesHidden.around(() -> Thread.currentThread().getContextClassLoader());

    assertSame(Configuration.class, context.loadClass(Configuration.class.getName()));
    assertNotNull(context.getResource("org/apache/hadoop/conf/Configuration.class"));
    assertNull(context.getResource("core-default.xml"));
    assertNull(context.getResource("mapred-default.xml"));
  }

  @Test
  void theThreadGetsItsOwnLoaderBack() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();

    HadoopSiteFilesHidden.around(() -> "done");

    assertSame(before, Thread.currentThread().getContextClassLoader());
  }
}
