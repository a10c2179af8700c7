package io.floe.plugin.tool;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the broker's {@code server.properties}, whose Floe keys the command reads. */
final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
      description = "The broker's configuration (server.properties): Floe's keys are read under the broker's "
          + "remote.log.storage.manager.impl.prefix (rsm.config. by default) and checked as at broker start.")
  Path file;
}
