package io.floe.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
  @TempDir
  Path dir;

  @Test
  void aTailGivesOnlyTheLinesWrittenAfterItBegan() throws Exception {
    Path log = Files.writeString(dir.resolve("server.log"), "before\n");
    LogTail tail = LogTail.fromEnd(log);

    append(log, "first\nsecond\n");

    assertEquals(List.of("first", "second"), tail.newLines());
    assertEquals(List.of(), tail.newLines());
  }

  @Test
  void aLineWrittenInTwoPartsComesOnceWhole() throws Exception {
    Path log = dir.resolve("server.log");
    LogTail tail = LogTail.fromEnd(log);

    append(log, "Copying 0000");
    assertEquals(List.of(), tail.newLines());
    append(log, "0042.log to remote storage.\n");

    assertEquals(List.of("Copying 00000042.log to remote storage."), tail.newLines());
  }

  private static void append(Path log, String text) throws Exception {
    Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
