package io.floe.translator.value.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Doubles as CPython 3's {@code json.dumps} and Node.js's {@code JSON.stringify} print them. */
class NumberFormTest {
  @ParameterizedTest
  @CsvSource({
      "1.0, 1.0, 1",
      "0.1, 0.1, 0.1",
      "1e-5, 1e-05, 0.00001",
      "0.0001, 0.0001, 0.0001",
      "1e-6, 1e-06, 0.000001",
      "1e15, 1000000000000000.0, 1000000000000000",
      "1e16, 1e+16, 10000000000000000",
      "1.5e300, 1.5e+300, 1.5e+300",
      "-2.5e-7, -2.5e-07, -2.5e-7",
      "123456789012345680000.0, 1.2345678901234568e+20, 123456789012345680000",
      "1e21, 1e+21, 1e+21",
      "4.9e-324, 5e-324, 5e-324",
      "0.30000000000000004, 0.30000000000000004, 0.30000000000000004",
      "-0.0, -0.0, 0"})
  void aDoubleIsWrittenAsPythonAndJavaScriptWriteIt(double value, String python, String javascript) {
    assertEquals(python, NumberForm.PYTHON.format(value));
    assertEquals(javascript, NumberForm.JAVASCRIPT.format(value));
  }

  @ParameterizedTest
  @CsvSource({"12, 12", "-3, -3", "0, 0", "43930907515240790, 43930907515240790", "1e22, 10000000000000000000000"})
  void aWholeNumberIsWrittenAsTheShortestDigitsOfItsDouble(double value, String whole) {
    assertEquals(whole, NumberForm.whole(value));
  }
}
