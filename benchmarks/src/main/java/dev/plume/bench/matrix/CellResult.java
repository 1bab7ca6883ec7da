package dev.plume.bench.matrix;

/**
 * The outcome of one run against one broker version.
 *
 * @param passed Plume's writes succeeded and the official consumer read them back correctly
 * @param detail what the consumer saw when passed, else the first failure
 */
record CellResult(boolean passed, String detail) {

  private static final int MAX_DETAIL_CHARS = 220;

  static CellResult pass(String detail) {
    return new CellResult(true, detail);
  }

  static CellResult fail(String reason) {
    return new CellResult(false, reason);
  }

  static CellResult fail(String stage, Throwable error) {
    return fail(stage + ": " + describe(error));
  }

  /** Exception class and message, of the root cause too when there is one. */
  static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = error.getClass().getSimpleName() + ": " + error.getMessage();
    if (root != error) {
      text += " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return text;
  }

  /** One line, short, safe inside a Markdown table cell. */
  String cell() {
    String oneLine = detail.replaceAll("\\s+", " ").replace("|", "\\|").trim();
    if (oneLine.length() > MAX_DETAIL_CHARS) {
      oneLine = oneLine.substring(0, MAX_DETAIL_CHARS) + "...";
    }
    return (passed ? "pass" : "**FAIL**") + (oneLine.isEmpty() ? "" : ": " + oneLine);
  }
}
