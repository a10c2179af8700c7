package io.floe.writer;

/**
 * A step of an upload attempt, as a failure names it: what it does and where (the catalog, the
 * segment file, a data file, the manifest's path).
 */
record UploadStep(String doing, String where) {

  /** A step's failure, carrying the step until the attempt decides what the failure means. */
  static final class Failure extends RuntimeException {
    private final UploadStep step;

    Failure(UploadStep step, RuntimeException cause) {
      super(cause);
      this.step = step;
    }

    UploadStep step() {
      return step;
    }

    @Override
    public synchronized RuntimeException getCause() {
      return (RuntimeException) super.getCause();
    }
  }
}
