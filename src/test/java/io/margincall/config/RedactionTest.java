package io.margincall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets stay out of messages and of the stored config (Spark's redaction pattern). */
class RedactionTest {
  private static final String SECRET = "hunter2-s3cr3t";

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"password=" + SECRET, "db.password=" + SECRET, "aws.access.key=" + SECRET,
      "api_token=" + SECRET, "run.name=x, client-secret=" + SECRET, "run.paths=\"password " + SECRET
      + "\"", "db.password={" + SECRET, "PASSWORD:" + SECRET})
  void aSetOptionNamingASecretIsNotEchoed(String option) throws IOException {
    Path file = Files.writeString(dir.resolve("s.conf"), "run.paths = 10\n");
    ConfigError e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(file, List.of(option)));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertTrue(e.getMessage().contains(Redaction.REDACTED), e.getMessage());
  }

  @Test
  void aSecretValueInAFileIsNotEchoedEither() throws IOException {
    Path file = Files.writeString(dir.resolve("s.conf"), "run.name = ok\nrun.paths = \"token "
        + SECRET + "\"\n");
    ConfigError e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(file, List.of()));
    assertTrue(e.getMessage().startsWith(file + ":2: run.paths = " + Redaction.REDACTED), e.getMessage());
  }

  /** simulate keeps sweep.baseline as given: a key there lands in the stored config. */
  @Test
  void theStoredConfigHasSecretsRedactedAndTheHashIsOfTheRealConfig() throws IOException {
    Path file = Files.writeString(dir.resolve("s.conf"), "run.paths = 10\n"
        + "sweep.baseline { db-password = \"" + SECRET + "\", note = kept }\n");
    ScenarioSettings s = ScenarioSettings.load(file, List.of());
    String stored = s.resolvedConfig();
    assertFalse(stored.contains(SECRET), stored);
    assertTrue(stored.contains("db-password=\"" + Redaction.REDACTED + "\""), stored);
    assertTrue(stored.contains("note=kept"), stored);
    assertEquals(SECRET, s.config().getString("sweep.baseline.db-password"), "the run sees the real one");
    Path plain = Files.writeString(dir.resolve("plain.conf"), "run.paths = 10\n");
    assertEquals(ScenarioSettings.load(plain, List.of()).configHash(), s.configHash());
  }
}
