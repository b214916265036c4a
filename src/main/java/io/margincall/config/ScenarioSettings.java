package io.margincall.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one scenario, read eagerly and checked: one record per section of
 * {@code reference.conf}, each reading and checking its own keys, whose defaults are never
 * repeated in code. Loading is {@link ConfigLayers}'s; the hash is {@link ConfigHash}'s. Every
 * failure is a {@link ConfigError} naming the origin, key, value and what is allowed.
 */
public final class ScenarioSettings {
  private final Config config;
  private final Config user;
  /** The scenario file as the user named it; null without one. */
  private final Path scenarioFile;
  private final RunSettings run;
  private final TimeSettings time;
  private final PriceSettings price;
  private final OracleSettings oracle;
  private final ProtocolSettings protocol;
  private final AccountsSettings accounts;
  private final LiquiditySettings liquidity;
  private final KeeperSettings keeper;
  private final CongestionSettings congestion;
  private final InsuranceSettings insurance;
  private final CircuitBreakerSettings circuitBreaker;
  private final OutputSettings output;
  private final StatisticsSettings statistics;
  private final SamplingSettings sampling;
  private final FaultSettings faults;
  private final PerpsSettings perps;
  private final MarginSettings margin;
  private final String configHash;
  private final Set<String> hashedKeys;

  private ScenarioSettings(Config config, Config user, Path scenarioFile) {
    this.config = config;
    this.user = user;
    this.scenarioFile = scenarioFile;
    ConfigReader r = new ConfigReader(config);
    run = RunSettings.read(r);
    time = TimeSettings.read(r);
    price = PriceSettings.read(r, time);
    oracle = OracleSettings.read(r, time);
    protocol = ProtocolSettings.read(r);
    accounts = AccountsSettings.read(r, protocol, price.assets());
    perps = PerpsSettings.read(r, accounts, time);
    if ("generated".equals(accounts.source()) && accounts.generated().count() == 0
        && !perps.enabled()) {
      throw r.invalid("accounts.generated.count", "at least 1 when perps.source = none: a run"
          + " needs accounts");
    }
    if (perps.enabled() && price.assets().count() > 1) {
      throw r.invalid("perps.source", "none with several assets: perp positions are on the main"
          + " asset, beside a one-asset book");
    }
    if (protocol.dutchAuction() != null && price.assets().count() > 1) {
      throw r.invalid(IncentiveSettings.MODEL, "fixed with several assets: a Maker vault holds one"
          + " collateral, and auctions of cross-margined accounts are not modelled");
    }
    liquidity = LiquiditySettings.read(r);
    keeper = KeeperSettings.read(r);
    congestion = CongestionSettings.read(r, time);
    insurance = InsuranceSettings.read(r, time);
    margin = MarginSettings.read(r, time, congestion);
    circuitBreaker = CircuitBreakerSettings.read(r, time, price.assets().count());
    output = OutputSettings.read(r);
    statistics = StatisticsSettings.read(r);
    sampling = SamplingSettings.read(r, price, run);
    price.assets().requireSupported(r, price, oracle, liquidity, congestion, accounts);
    if (price.assets().count() > 1 && "aave-v3".equals(protocol.incentive().model())) {
      throw r.invalid(IncentiveSettings.MODEL, "fixed, euler or morpho while price.assets lists"
          + " further assets: Aave's close factor and dust rule apply per collateral reserve, and"
          + " a cross-margined account is valued as a whole");
    }
    requireCohortsSupported(r);
    faults = FaultSettings.read(r);
    configHash = ConfigHash.of(r.canonical(), accounts.file(), price.series().file());
    hashedKeys = Set.copyOf(r.canonical().keySet());
  }

  /**
   * Cohorts ({@code accounts.cohorts}) treat a cohort as identical members liquidated together;
   * the mechanisms that act per transaction or per position beyond the liquidation rules are
   * not scaled to members, so a compressed book refuses them.
   */
  private void requireCohortsSupported(ConfigReader r) {
    if (!accounts.cohorts()) {
      return;
    }
    String why = null;
    if (perps.enabled()) {
      why = "perps.source = none: perp positions are not compressed, and ADL ranks them one by"
          + " one";
    } else if (price.assets().count() > 1) {
      why = "one asset: cross-margined accounts are not compressed";
    } else if (circuitBreaker.enabled()) {
      why = "defences.circuit-breaker.enabled = false: the liquidations a pause holds are counted"
          + " per book entry";
    } else if (protocol.dutchAuction() != null) {
      why = IncentiveSettings.MODEL + " other than dutch-auction: an auction's lot and the limit"
          + " on debt in auction are per vault";
    }
    if (why != null) {
      throw r.invalid(AccountsSettings.COHORTS, "none unless " + why);
    }
  }

  /** Whether the config hash covers setting {@code key} (a switched-off mechanism's do not). */
  boolean hashes(String key) {
    return hashedKeys.contains(key);
  }

  /**
   * Loads a scenario: reference defaults, then {@code scenarioFile} (may be null), then the
   * {@code key=value} overrides in order.
   *
   * @throws ConfigError for an unreadable file, a syntax error, an unknown key, a wrong type or
   *     a value out of range
   */
  public static ScenarioSettings load(Path scenarioFile, List<String> overrides) {
    return load(scenarioFile, overrides, List.of());
  }

  /**
   * As {@link #load(Path, List)}, the scenario's includes allowed from the folders
   * {@code includesFrom} too, besides the scenario's own folder (and below).
   */
  public static ScenarioSettings load(Path scenarioFile, List<String> overrides,
                                      List<Path> includesFrom) {
    return fromUser(ConfigLayers.user(scenarioFile, overrides, includesFrom), scenarioFile);
  }

  /**
   * These settings with some keys set to other values (a sweep point), checked like the rest;
   * an error names {@code origin} as where the value came from.
   */
  public ScenarioSettings with(Map<String, Object> values, String origin) {
    return fromUser(ConfigLayers.with(user, values, origin), scenarioFile);
  }

  private static ScenarioSettings fromUser(Config user, Path scenarioFile) {
    return new ScenarioSettings(ConfigLayers.merge(user), user, scenarioFile);
  }

  /**
   * Where the user set {@code key} (file and line, or the --set option); the scenario file if
   * they did not set it (an error then names what the user wrote, not reference.conf).
   */
  String userOrigin(String key) {
    if (user.hasPathOrNull(key)) {
      return ConfigReader.origin(user.getValue(key).origin());
    }
    return scenarioFile != null ? scenarioFile.toString() : "--set options";
  }

  /** The defaults from {@code reference.conf}, without the namespace. */
  public static Config reference() {
    return ConfigLayers.reference();
  }

  public RunSettings run() {
    return run;
  }

  public TimeSettings time() {
    return time;
  }

  public PriceSettings price() {
    return price;
  }

  public OracleSettings oracle() {
    return oracle;
  }

  public ProtocolSettings protocol() {
    return protocol;
  }

  public AccountsSettings accounts() {
    return accounts;
  }

  public LiquiditySettings liquidity() {
    return liquidity;
  }

  public KeeperSettings keeper() {
    return keeper;
  }

  public CongestionSettings congestion() {
    return congestion;
  }

  public InsuranceSettings insurance() {
    return insurance;
  }

  public CircuitBreakerSettings circuitBreaker() {
    return circuitBreaker;
  }

  public OutputSettings output() {
    return output;
  }

  public SamplingSettings sampling() {
    return sampling;
  }

  public StatisticsSettings statistics() {
    return statistics;
  }

  public FaultSettings faults() {
    return faults;
  }

  public PerpsSettings perps() {
    return perps;
  }

  /** Section {@code defences.margin}. */
  public MarginSettings margin() {
    return margin;
  }

  /** See {@link ConfigHash}: the model settings and input files, not names or partitions. */
  public String configHash() {
    return configHash;
  }

  /** The resolved configuration, for sections parsed elsewhere (the sweep). */
  public Config config() {
    return config;
  }

  /**
   * The whole resolved configuration, as HOCON, for the provenance columns: values of keys that
   * name a secret redacted ({@link Redaction}; the config hash is of the real values).
   */
  public String resolvedConfig() {
    return Redaction.redact(config).root().render(ConfigRenderOptions.defaults()
        .setOriginComments(false).setComments(false).setJson(false).setFormatted(true));
  }
}
