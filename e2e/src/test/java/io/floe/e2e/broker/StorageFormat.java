package io.floe.e2e.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Kafka's {@code StorageTool format} run on a server's properties, before its first start. */
final class StorageFormat {
  private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

  private StorageFormat() {}

  /**
   * Formats the data directories of {@code properties}, written for {@code spec}, as a member of
   * cluster {@code clusterId}; {@code quorumOptions} say how the controller quorum starts
   * ({@code --standalone} for a dynamic quorum of one, none for static {@code controller.quorum.voters}).
   */
  static void run(BrokerSpec spec, List<String> jvmOptions, Path properties, Path workDir, String clusterId,
      List<String> quorumOptions) {
    List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")); // a short run
    options.addAll(jvmOptions);
    List<String> arguments = new ArrayList<>(List.of("format", "-t", clusterId, "-c", properties.toString()));
    arguments.addAll(quorumOptions);
    Path output = workDir.resolve("logs").resolve("storage-format.log");
    // the broker's environment: the tool reads the same properties, config providers' variables included
    new JavaProcess(options, spec.distribution().classPath(), STORAGE_TOOL, arguments, spec.environment())
        .run(workDir, output, output, FORMAT_TIMEOUT);
  }
}
