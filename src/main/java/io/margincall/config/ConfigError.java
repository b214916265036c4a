package io.margincall.config;

/**
 * A configuration the run cannot use. The message names where the value came from (file and
 * line, or the --set option), the key, the value, and what is allowed.
 */
public final class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigError(String message) {
    super(message);
  }

  public ConfigError(String message, Throwable cause) {
    super(message, cause);
  }
}
