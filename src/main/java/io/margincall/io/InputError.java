package io.margincall.io;

/** A malformed input file; the message names the file, the line and the field. */
public final class InputError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputError(String message) {
    super(message);
  }

  public InputError(String message, Throwable cause) {
    super(message, cause);
  }
}
