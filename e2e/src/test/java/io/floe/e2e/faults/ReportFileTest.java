package io.floe.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {
  @TempDir
  Path dir;

  @Test
  void aScenarioReplacesItsOwnSectionAndKeepsTheOthers() throws Exception {
    Path report = dir.resolve("reliability/report.md");
    ReportFile.write(report, "Object-store faults", "# Object-store faults\n\nfirst run\n");
    ReportFile.write(report, "Broker crashes", "# Broker crashes\n\n| kills | 3 |\n");

    ReportFile.write(report, "Object-store faults", "# Object-store faults\n\nsecond run\n");

    assertEquals("# Broker crashes\n\n| kills | 3 |\n\n# Object-store faults\n\nsecond run\n", Files.readString(report));
  }
}
