package io.margincall.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settings of one scenario, read eagerly and checked: one field per key of
 * {@code reference.conf}, whose defaults are never repeated in code.
 *
 * <p>Layering: {@code reference.conf} (namespace {@code margincall}) &lt; scenario file &lt;
 * {@code --set key=value}. Typesafe Config's own {@code checkValid} does not report unknown
 * keys, so every key the user gave is checked against the reference here, with the nearest valid
 * key suggested. Every failure is a {@link ConfigError} naming the origin, key, value and what is
 * allowed.
 */
public final class ScenarioSettings {
  private static final String NAMESPACE = "margincall";
  /** Keys that do not change a point's results, left out of the config hash. */
  private static final Set<String> NOT_HASHED = Set.of("run.name", "run.partitions", "accounts.file",
      "price.series.file");
  /** Sections that do not change a point's results, left out of the config hash. */
  private static final List<String> NOT_HASHED_SECTIONS = List.of("faults.", "sweep.", "output.");
  /** Sections whose keys are not reference keys: checked by {@link SweepPlan}. */
  static final List<String> FREE_SECTIONS = List.of("sweep.axes.", "sweep.baseline.");

  private final Config config;
  private final Config user;
  /** Every setting read, as the model uses it (typed, rounded), for the config hash. */
  private final Map<String, String> canonical = new TreeMap<>();

  public final String name;
  public final long paths;
  public final long seed;
  public final int partitions;

  public final double stepSeconds;
  public final double horizonSeconds;
  public final int steps;

  public final String priceModel;
  public final double initialPrice;
  public final double drift;
  public final double volatility;

  public final String mainAsset;
  public final List<String> assetNames;
  public final double[] assetInitial;
  public final double[] assetDrift;
  public final double[] assetVolatility;
  public final double[] correlation;
  public final double[] assetWeights;
  public final Path seriesFile;
  public final String seriesFrom;
  public final String seriesTo;
  public final String seriesGaps;
  public final double bootstrapMeanBlockSeconds;
  public final String innovations;
  public final double studentDof;
  public final String volatilityModel;
  public final double garchOmega;
  public final double garchAlpha;
  public final double garchBeta;
  public final double jumpsPerDay;
  public final double jumpLogMean;
  public final double jumpLogStd;
  public final boolean regimeEnabled;
  public final double regimeCalmToStressPerDay;
  public final double regimeStressToCalmPerDay;
  public final double regimeStressVolatilityMultiplier;

  public final int oracleHoldSteps;
  public final int oracleTwapSteps;
  public final double oracleOutagesPerDay;
  public final double oracleOutageMeanSeconds;

  public final String liquidityModel;
  public final double liquidityDepthUsd;
  public final double ammFee;
  public final double stressDepthMultiplier;
  public final double permanentImpact;
  public final double keeperMinProfitUsd;

  public final boolean congestionEnabled;
  public final double gasBaseGwei;
  public final double gasMeanReversionPerHour;
  public final double gasVolatility;
  public final double gasReturnSensitivity;
  public final double gasStressMultiplier;
  public final double gasShocksPerDay;
  public final double gasShockMultiplier;
  public final int gasShockSteps;
  public final double liquidationGasUnits;
  public final double nativePriceUsd;
  public final double inclusionDelayPerDoublingSeconds;
  public final double keeperBidGwei;
  public final double oracleBidGwei;
  public final int keeperMaxWaitSteps;

  public final int oracleDelaySteps;
  public final double oracleDeviation;
  public final int oracleHeartbeatSteps;

  public final String accountSource;
  public final Path accountFile;
  public final int generatedCount;
  public final double generatedSizeMedianUsd;
  public final double generatedSizeLogSigma;
  public final double generatedLeverageMin;
  public final double generatedLeverageMax;

  public final double liquidationThreshold;
  public final double closeFactor;
  public final double bonus;
  public final double dustUsd;
  public final String seizePrice;

  public final double insuranceBalanceUsd;
  public final double insuranceBonusShare;

  public final String outputPaths;
  public final double outputPathsSampleRate;

  public final boolean faultFailFirstAttempt;
  public final int faultHaltExecutorOnPartition;

  private final String configHash;

  private ScenarioSettings(Config config, Config user) {
    this.config = config;
    this.user = user;
    name = string("run.name");
    // The exact loss tail keeps ~5 % of the paths per point in memory: 1e9 paths is 400 MB.
    paths = integer("run.paths", 1, 1_000_000_000L);
    seed = integer("run.seed", Long.MIN_VALUE, Long.MAX_VALUE);
    partitions = (int) integer("run.partitions", 0, 1_000_000);

    stepSeconds = number("time.step", v -> v > 0 && v <= 86_400, "a number of seconds in (0, 86400]");
    horizonSeconds = number("time.horizon", v -> v > 0, "a number of seconds > 0");
    long stepCount = multipleOfStep("time.horizon", horizonSeconds);
    if (stepCount < 1 || stepCount > 100_000_000) {
      throw invalid("time.horizon", "a multiple of time.step giving 1 to 100000000 steps");
    }
    steps = (int) stepCount;

    priceModel = choice("price.model", "gbm", "replay", "bootstrap");
    String seriesName = string("price.series.file");
    seriesFile = "gbm".equals(priceModel) ? null : inputFile("price.series.file", seriesName,
        "the path of a price-series CSV when price.model = " + priceModel);
    seriesFrom = instant("price.series.from");
    seriesTo = instant("price.series.to");
    seriesGaps = choice("price.series.gaps", "reject", "allow");
    bootstrapMeanBlockSeconds = number("price.bootstrap.mean-block-length",
        v -> v >= stepSeconds && v <= 365 * 86_400.0, "a number of seconds >= time.step");
    initialPrice = number("price.initial", v -> v > 0 && v < 1e12, "a price in USD, > 0 and < 1e12");
    drift = number("price.gbm.drift", v -> Math.abs(v) <= 100, "an annual drift in [-100, 100]");
    volatility = number("price.gbm.volatility", v -> v >= 0 && v <= 100,
        "an annual volatility in [0, 100] (0.8 = 80 %)");

    mainAsset = string("price.main-asset");
    assetNames = new java.util.ArrayList<>(List.of(mainAsset));
    List<Double> initials = new java.util.ArrayList<>(List.of(initialPrice));
    List<Double> drifts = new java.util.ArrayList<>(List.of(drift));
    List<Double> vols = new java.util.ArrayList<>(List.of(volatility));
    ConfigValue assetsValue = present("price.assets", "a list of { name, initial, drift, volatility }");
    if (assetsValue.valueType() != ConfigValueType.LIST) {
      throw invalid("price.assets", "a list of { name, initial, drift, volatility }");
    }
    for (ConfigValue item : (com.typesafe.config.ConfigList) assetsValue) {
      String where = origin(item.origin()) + ": price.assets";
      if (item.valueType() != ConfigValueType.OBJECT) {
        throw new ConfigError(where + ": each asset must be { name, initial, drift, volatility }");
      }
      Config asset = ((com.typesafe.config.ConfigObject) item).toConfig();
      try {
        String assetName = asset.getString("name");
        double init = asset.getDouble("initial");
        double mu = asset.hasPath("drift") ? asset.getDouble("drift") : 0;
        double sigma = asset.getDouble("volatility");
        if (assetNames.contains(assetName) || !(init > 0) || !(sigma >= 0) || Math.abs(mu) > 100) {
          throw new ConfigError(where + ": asset " + assetName + ": names must be unique, initial"
              + " > 0, volatility >= 0, |drift| <= 100");
        }
        assetNames.add(assetName);
        initials.add(init);
        drifts.add(mu);
        vols.add(sigma);
      } catch (ConfigException e) {
        throw new ConfigError(where + ": " + e.getMessage() + "; each asset is { name, initial,"
            + " drift, volatility }", e);
      }
    }
    int k = assetNames.size();
    assetInitial = initials.stream().mapToDouble(Double::doubleValue).toArray();
    assetDrift = drifts.stream().mapToDouble(Double::doubleValue).toArray();
    assetVolatility = vols.stream().mapToDouble(Double::doubleValue).toArray();
    canonical.put("price.assets", assetNames + " " + java.util.Arrays.toString(assetInitial) + " "
        + java.util.Arrays.toString(assetDrift) + " " + java.util.Arrays.toString(assetVolatility));
    correlation = matrix("price.correlation", k);
    assetWeights = weights("accounts.generated.asset-weights", k);
    innovations = choice("price.innovations", "normal", "student-t");
    studentDof = number("price.student-t-dof", v -> v > 2 && v <= 1000, "degrees of freedom in (2, 1000]");
    volatilityModel = choice("price.volatility-model", "constant", "garch");
    garchOmega = number("price.garch.omega", v -> v >= 0 && v < 1, "a per-step variance in [0, 1) (0 = targeting)");
    garchAlpha = number("price.garch.alpha", v -> v >= 0 && v < 1, "a weight in [0, 1)");
    garchBeta = number("price.garch.beta", v -> v >= 0 && v < 1 - garchAlpha,
        "a weight in [0, 1 - price.garch.alpha)");
    jumpsPerDay = number("price.jumps.intensity-per-day", v -> v >= 0 && v <= 10_000,
        "jumps per day in [0, 10000]");
    jumpLogMean = number("price.jumps.log-mean", v -> Math.abs(v) <= 5, "a log-jump mean in [-5, 5]");
    jumpLogStd = number("price.jumps.log-std", v -> v >= 0 && v <= 5, "a log-jump std in [0, 5]");
    if (jumpsPerDay * stepSeconds / 86_400 > 5) {
      throw invalid("price.jumps.intensity-per-day", "at most 5 expected jumps per time.step ("
          + 5 * 86_400 / stepSeconds + " per day at this step)");
    }
    if ("garch".equals(volatilityModel) && garchOmega == 0 && volatility == 0) {
      throw invalid("price.garch.omega", "> 0 when price.gbm.volatility = 0 (0 targets that volatility)");
    }
    regimeEnabled = bool("price.regime.enabled");
    regimeCalmToStressPerDay = number("price.regime.calm-to-stress-per-day", v -> v >= 0 && v <= 10_000,
        "an intensity per day in [0, 10000]");
    regimeStressToCalmPerDay = number("price.regime.stress-to-calm-per-day", v -> v > 0 && v <= 10_000,
        "an intensity per day in (0, 10000]");
    regimeStressVolatilityMultiplier = number("price.regime.stress-volatility-multiplier",
        v -> v > 0 && v <= 100, "a multiplier in (0, 100]");

    double delay = number("oracle.delay", v -> v >= 0, "a number of seconds >= 0");
    long delaySteps = multipleOfStep("oracle.delay", delay);
    if (delaySteps >= steps) {
      throw invalid("oracle.delay", "a delay shorter than time.horizon (" + horizonSeconds + " s)");
    }
    oracleDelaySteps = (int) delaySteps;
    oracleDeviation = number("oracle.deviation", v -> v >= 0 && v < 1, "a fraction in [0, 1)");
    double heartbeat = number("oracle.heartbeat", v -> v >= 0, "a number of seconds >= 0 (0 = none)");
    oracleHeartbeatSteps = (int) Math.min(Integer.MAX_VALUE, multipleOfStep("oracle.heartbeat", heartbeat));
    double hold = number("oracle.security-hold", v -> v >= 0 && v <= 30 * 86_400,
        "a number of seconds in [0, 2592000]");
    oracleHoldSteps = (int) multipleOfStep("oracle.security-hold", hold);
    double twapWindow = number("oracle.twap-window", v -> v >= 0 && v <= 30 * 86_400,
        "a number of seconds in [0, 2592000]");
    oracleTwapSteps = (int) multipleOfStep("oracle.twap-window", twapWindow);
    oracleOutagesPerDay = number("oracle.outages.rate-per-day", v -> v >= 0 && v <= 1000,
        "outages per day in [0, 1000]");
    oracleOutageMeanSeconds = number("oracle.outages.mean-duration", v -> v > 0 && v <= 30 * 86_400,
        "a number of seconds in (0, 2592000]");
    if (oracleOutagesPerDay * stepSeconds / 86_400 >= 0.5) {
      throw invalid("oracle.outages.rate-per-day", "below half an outage per step");
    }

    accountSource = choice("accounts.source", "generated", "file");
    String fileName = string("accounts.file");
    accountFile = "file".equals(accountSource) ? inputFile("accounts.file", fileName,
        "the path of a CSV account book when accounts.source = file") : null;
    generatedCount = (int) integer("accounts.generated.count", 1, 10_000_000);
    generatedSizeMedianUsd = number("accounts.generated.size-median-usd", v -> v > 0 && v < 1e12,
        "a USD amount > 0 and < 1e12");
    generatedSizeLogSigma = number("accounts.generated.size-log-sigma", v -> v >= 0 && v <= 5,
        "a standard deviation of ln(size) in [0, 5]");
    generatedLeverageMin = number("accounts.generated.leverage-min", v -> v >= 1 && v <= 1000,
        "a leverage in [1, 1000]");
    generatedLeverageMax = number("accounts.generated.leverage-max",
        v -> v >= generatedLeverageMin && v <= 1000,
        "a leverage in [accounts.generated.leverage-min = " + generatedLeverageMin + ", 1000]");

    liquidationThreshold = number("protocol.liquidation-threshold", v -> v > 0 && v <= 1,
        "a fraction in (0, 1]");
    if ("generated".equals(accountSource)
        && 1 - 1 / generatedLeverageMax >= liquidationThreshold) {
      throw invalid("accounts.generated.leverage-max", "a leverage below "
          + 1 / (1 - liquidationThreshold) + " = 1 / (1 - protocol.liquidation-threshold), so "
          + "that no generated account starts eligible for liquidation");
    }
    closeFactor = number("protocol.close-factor", v -> v > 0 && v <= 1, "a fraction in (0, 1]");
    bonus = number("protocol.bonus", v -> v >= 0 && v < 1, "a fraction in [0, 1)");
    dustUsd = number("protocol.dust", v -> v >= 0 && v < 1e12, "a USD amount >= 0");
    seizePrice = choice("protocol.seize-price", "market", "oracle");

    liquidityModel = choice("liquidity.model", "infinite", "linear", "constant-product");
    liquidityDepthUsd = number("liquidity.depth-usd", v -> v > 0 && v < 1e15, "a USD amount > 0");
    ammFee = number("liquidity.amm-fee", v -> v >= 0 && v < 1, "a fraction in [0, 1)");
    stressDepthMultiplier = number("liquidity.stress-depth-multiplier", v -> v > 0 && v <= 100,
        "a multiplier in (0, 100]");
    permanentImpact = number("liquidity.permanent-impact", v -> v >= 0 && v <= 1, "a fraction in [0, 1]");
    keeperMinProfitUsd = number("keeper.min-profit-usd", v -> Math.abs(v) < 1e12, "a USD amount");

    congestionEnabled = bool("congestion.enabled");
    gasBaseGwei = number("congestion.base-gwei", v -> v > 0 && v < 1e7, "a gas price in gwei > 0");
    double perHourMax = 3600 / stepSeconds;
    gasMeanReversionPerHour = number("congestion.mean-reversion-per-hour",
        v -> v >= 0 && v <= perHourMax, "a rate per hour in [0, 3600 / time.step = " + perHourMax + "]");
    gasVolatility = number("congestion.volatility", v -> v >= 0 && v <= 100, "a volatility per sqrt(hour) in [0, 100]");
    gasReturnSensitivity = number("congestion.return-sensitivity", v -> v >= 0 && v <= 10_000, "a sensitivity in [0, 10000]");
    gasStressMultiplier = number("congestion.stress-multiplier", v -> v > 0 && v <= 1000, "a multiplier in (0, 1000]");
    gasShocksPerDay = number("congestion.shocks.rate-per-day", v -> v >= 0 && v * stepSeconds / 86_400 < 0.5,
        "shocks per day, below half a shock per step");
    gasShockMultiplier = number("congestion.shocks.multiplier", v -> v > 0 && v <= 10_000, "a multiplier in (0, 10000]");
    double shockDuration = number("congestion.shocks.duration", v -> v > 0, "a number of seconds > 0");
    gasShockSteps = (int) Math.max(1, multipleOfStep("congestion.shocks.duration", shockDuration));
    liquidationGasUnits = number("congestion.liquidation-gas-units", v -> v >= 0 && v <= 1e9, "gas units in [0, 1e9]");
    nativePriceUsd = number("congestion.native-price-usd", v -> v >= 0 && v < 1e9, "a USD price >= 0 (0 = the market)");
    inclusionDelayPerDoublingSeconds = number("congestion.delay-per-doubling", v -> v >= 0 && v <= 86_400,
        "a number of seconds in [0, 86400]");
    keeperBidGwei = number("congestion.keeper-bid-gwei", v -> v > 0 && v < 1e7, "a gas price in gwei > 0");
    oracleBidGwei = number("congestion.oracle-bid-gwei", v -> v > 0 && v < 1e7, "a gas price in gwei > 0");
    double maxWait = number("congestion.max-wait", v -> v >= 0 && v <= 86_400, "a number of seconds in [0, 86400]");
    keeperMaxWaitSteps = (int) multipleOfStep("congestion.max-wait", maxWait);

    insuranceBalanceUsd = number("insurance.balance", v -> v >= 0 && v < 1e15, "a USD amount >= 0");
    insuranceBonusShare = number("insurance.bonus-share", v -> v >= 0 && v <= 1, "a fraction in [0, 1]");

    outputPaths = choice("output.paths", "none", "sample", "all");
    outputPathsSampleRate = number("output.paths-sample-rate", v -> v >= 0 && v <= 1,
        "a fraction in [0, 1]");

    if (assetNames.size() > 1) {
      requireForSeveralAssets("price.model", "gbm".equals(priceModel), "gbm");
      requireForSeveralAssets("price.innovations", "normal".equals(innovations), "normal");
      requireForSeveralAssets("price.volatility-model", "constant".equals(volatilityModel), "constant");
      requireForSeveralAssets("price.jumps.intensity-per-day", jumpsPerDay == 0, "0");
      requireForSeveralAssets("price.regime.enabled", !regimeEnabled, "false");
      requireForSeveralAssets("oracle.outages.rate-per-day", oracleOutagesPerDay == 0, "0");
      requireForSeveralAssets("liquidity.model", "infinite".equals(liquidityModel), "infinite");
      requireForSeveralAssets("congestion.enabled", !congestionEnabled, "false");
      requireForSeveralAssets("accounts.source", "generated".equals(accountSource), "generated");
    }

    faultFailFirstAttempt = bool("faults.fail-first-attempt");
    faultHaltExecutorOnPartition = (int) integer("faults.halt-executor-on-partition", -1, 1_000_000);

    configHash = hash();
  }

  /**
   * Loads a scenario: reference defaults, then {@code scenarioFile} (may be null), then the
   * {@code key=value} overrides in order.
   *
   * @throws ConfigError for an unreadable file, a syntax error, an unknown key, a wrong type or
   *     a value out of range
   */
  public static ScenarioSettings load(Path scenarioFile, List<String> overrides) {
    Config user = ConfigFactory.empty();
    if (scenarioFile != null) {
      if (!Files.isRegularFile(scenarioFile)) {
        throw new ConfigError(scenarioFile + ": scenario file not found");
      }
      try {
        user = ConfigFactory.parseFile(scenarioFile.toFile(),
            ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (ConfigException e) {
        throw new ConfigError(scenarioFile + ": cannot parse: " + e.getMessage(), e);
      }
    }
    for (String override : overrides) {
      user = parseOverride(override).withFallback(user);
    }
    return fromUser(user);
  }

  /**
   * These settings with some keys set to other values (a sweep point), checked like the rest;
   * an error names {@code origin} as where the value came from.
   */
  public ScenarioSettings with(java.util.Map<String, Object> values, String origin) {
    Config point = user;
    for (java.util.Map.Entry<String, Object> e : values.entrySet()) {
      point = point.withValue(e.getKey(), com.typesafe.config.ConfigValueFactory.fromAnyRef(
          e.getValue(), origin + " " + e.getKey()));
    }
    return fromUser(point);
  }

  private static ScenarioSettings fromUser(Config user) {
    Config reference = reference();
    if (user.hasPath(NAMESPACE)) {
      throw new ConfigError(origin(user.getValue(NAMESPACE).origin()) + ": key '" + NAMESPACE
          + "': write scenario keys without the '" + NAMESPACE + ".' prefix (e.g. price.initial)");
    }
    Config merged;
    Config resolvedUser;
    try {
      // No ${ENV} substitution: the resolved config is written to every output row, and an
      // environment variable may hold a secret.
      ConfigResolveOptions noEnvironment = ConfigResolveOptions.defaults().setUseSystemEnvironment(false);
      merged = user.withFallback(reference).resolve(noEnvironment);
      resolvedUser = user.resolveWith(merged, noEnvironment);
    } catch (ConfigException e) {
      throw new ConfigError("cannot resolve the configuration: " + e.getMessage(), e);
    }
    checkKnownKeys(resolvedUser, reference);
    return new ScenarioSettings(merged, user);
  }

  /** reference.conf, parsed once (a sweep builds settings for every point). */
  private static final Config REFERENCE = ConfigFactory.parseResources(ScenarioSettings.class,
      "/reference.conf").getConfig(NAMESPACE);
  /** Its leaf keys. */
  private static final Set<String> REFERENCE_KEYS = leafKeys(REFERENCE);

  private static Set<String> leafKeys(Config c) {
    Set<String> keys = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      keys.add(e.getKey());
    }
    return java.util.Collections.unmodifiableSet(keys);
  }

  /** The defaults from {@code reference.conf}, without the namespace. */
  public static Config reference() {
    return REFERENCE;
  }

  private static Config parseOverride(String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigError("--set " + override + ": expected key=value, e.g. --set run.paths=1000");
    }
    String key = override.substring(0, eq).trim();
    String value = override.substring(eq + 1).trim();
    try {
      ConfigUtil.splitPath(key);
      return ConfigFactory.parseString(key + " = " + value,
          ConfigParseOptions.defaults().setOriginDescription("--set " + override));
    } catch (ConfigException e) {
      throw new ConfigError("--set " + override + ": cannot parse: " + e.getMessage(), e);
    }
  }

  private static void checkKnownKeys(Config user, Config reference) {
    Set<String> valid = REFERENCE_KEYS;
    for (Map.Entry<String, ConfigValue> e : new TreeMap<>(toMap(user)).entrySet()) {
      String key = e.getKey();
      ConfigValue value = e.getValue();
      if (valid.contains(key) || FREE_SECTIONS.stream().anyMatch(key::startsWith)) {
        continue;
      }
      String where = origin(value.origin());
      if (reference.hasPathOrNull(key)) {
        throw new ConfigError(where + ": " + key + " = " + value.render(ConfigRenderOptions.concise())
            + ": " + key + " is a section, not a value; set its keys, e.g. "
            + valid.stream().filter(k -> k.startsWith(key + ".")).findFirst().orElse(key));
      }
      String hint = KeySuggestion.nearest(key, valid).map(k -> "; did you mean '" + k + "'?")
          .orElse("; see reference.conf for the valid keys");
      throw new ConfigError(where + ": unknown key '" + key + "'" + hint);
    }
  }

  /** Every leaf of a config by path, nulls included (entrySet() leaves nulls out). */
  private static Map<String, ConfigValue> toMap(Config c) {
    Map<String, ConfigValue> out = new TreeMap<>();
    collectLeaves(c.root(), List.of(), out);
    return out;
  }

  private static void collectLeaves(com.typesafe.config.ConfigObject object, List<String> prefix,
                                    Map<String, ConfigValue> out) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      List<String> path = new java.util.ArrayList<>(prefix);
      path.add(e.getKey());
      if (e.getValue().valueType() == ConfigValueType.OBJECT) {
        collectLeaves((com.typesafe.config.ConfigObject) e.getValue(), path, out);
      } else {
        out.put(ConfigUtil.joinPath(path), e.getValue());
      }
    }
  }

  /** The value at {@code key}, a NULL value included (getValue() throws on those). */
  private ConfigValue raw(String key) {
    ConfigValue v = config.root();
    for (String part : ConfigUtil.splitPath(key)) {
      v = ((com.typesafe.config.ConfigObject) v).get(part);
    }
    return v;
  }

  /** The value at {@code key}, checked not to be null. */
  private ConfigValue present(String key, String allowed) {
    ConfigValue v = raw(key);
    if (v.valueType() == ConfigValueType.NULL) {
      throw invalid(key, allowed);
    }
    return v;
  }

  static String origin(ConfigOrigin origin) {
    if (origin.filename() != null) {
      return origin.filename() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "");
    }
    // A --set value's description is "--set key=value: <line>"; the line adds nothing.
    return origin.description().replaceFirst(": \\d+$", "");
  }

  private ConfigError invalid(String key, String allowed) {
    ConfigValue value = raw(key);
    return new ConfigError(origin(value.origin()) + ": " + key + " = "
        + value.render(ConfigRenderOptions.concise()) + ": must be " + allowed);
  }

  private double number(String key, java.util.function.DoublePredicate ok, String allowed) {
    present(key, allowed);
    double v;
    try {
      v = config.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw invalid(key, allowed);
    }
    if (!Double.isFinite(v) || !ok.test(v)) {
      throw invalid(key, allowed);
    }
    canonical.put(key, Double.toString(v));
    return v;
  }

  private long integer(String key, long min, long max) {
    String allowed = "an integer in [" + min + ", " + max + "]";
    ConfigValue value = present(key, allowed);
    if (value.valueType() != ConfigValueType.NUMBER && value.valueType() != ConfigValueType.STRING) {
      throw invalid(key, allowed);
    }
    long v;
    try {
      Number n = config.getNumber(key);
      if (!(n instanceof Integer || n instanceof Long)) {
        throw invalid(key, allowed);
      }
      v = n.longValue();
    } catch (ConfigException.WrongType e) {
      throw invalid(key, allowed);
    }
    if (v < min || v > max) {
      throw invalid(key, allowed);
    }
    canonical.put(key, Long.toString(v));
    return v;
  }

  private void requireForSeveralAssets(String key, boolean ok, String allowed) {
    if (!ok) {
      throw invalid(key, allowed + " while price.assets lists further assets (several assets"
          + " support GBM prices with the oracle and protocol rules only, for now)");
    }
  }

  private boolean bool(String key) {
    if (present(key, "true or false").valueType() != ConfigValueType.BOOLEAN) {
      throw invalid(key, "true or false");
    }
    canonical.put(key, Boolean.toString(config.getBoolean(key)));
    return config.getBoolean(key);
  }

  private String string(String key) {
    ConfigValue value = present(key, "a string");
    if (value.valueType() != ConfigValueType.STRING) {
      throw invalid(key, "a string");
    }
    canonical.put(key, config.getString(key));
    return config.getString(key);
  }

  private String choice(String key, String... allowed) {
    ConfigValue value = present(key, "one of " + String.join(", ", allowed));
    String v = value.valueType() == ConfigValueType.STRING ? config.getString(key) : null;
    for (String a : allowed) {
      if (a.equals(v)) {
        canonical.put(key, v);
        return v;
      }
    }
    throw invalid(key, "one of " + String.join(", ", allowed));
  }

  private long multipleOfStep(String key, double seconds) {
    double ratio = seconds / stepSeconds;
    double rounded = Math.rint(ratio);
    if (Math.abs(ratio - rounded) > 1e-9 * Math.max(1, ratio)) {
      throw invalid(key, "a multiple of time.step (" + stepSeconds + " s)");
    }
    // Hash what the model uses: the whole number of steps.
    canonical.put(key, "steps:" + (long) rounded);
    return (long) rounded;
  }

  /** A k x k correlation matrix (row-major), identity for []; checked to be PSD. */
  private double[] matrix(String key, int k) {
    ConfigValue v = present(key, "a list of rows");
    String allowed = "a " + k + " x " + k + " correlation matrix (list of rows, main asset first),"
        + " or [] for independent assets";
    if (v.valueType() != ConfigValueType.LIST) {
      throw invalid(key, allowed);
    }
    List<? extends ConfigValue> rows = (com.typesafe.config.ConfigList) v;
    double[] m = new double[k * k];
    if (rows.isEmpty()) {
      for (int a = 0; a < k; a++) {
        m[a * k + a] = 1;
      }
      return m;
    }
    if (rows.size() != k) {
      throw invalid(key, allowed);
    }
    for (int a = 0; a < k; a++) {
      ConfigValue row = rows.get(a);
      if (row.valueType() != ConfigValueType.LIST || ((com.typesafe.config.ConfigList) row).size() != k) {
        throw invalid(key, allowed);
      }
      for (int b = 0; b < k; b++) {
        Object x = ((com.typesafe.config.ConfigList) row).get(b).unwrapped();
        if (!(x instanceof Number)) {
          throw invalid(key, allowed);
        }
        m[a * k + b] = ((Number) x).doubleValue();
      }
    }
    try {
      io.margincall.model.price.CorrelatedAssets.cholesky(m, k);
    } catch (IllegalArgumentException e) {
      throw invalid(key, "a correlation matrix; this one is " + e.getMessage());
    }
    canonical.put(key, java.util.Arrays.toString(m));
    return m;
  }

  /** Shares per asset summing to 1, or [] for all in the main asset. */
  private double[] weights(String key, int k) {
    ConfigValue v = present(key, "a list of fractions");
    String allowed = k + " fractions >= 0 summing to 1 (main asset first), or []";
    if (v.valueType() != ConfigValueType.LIST) {
      throw invalid(key, allowed);
    }
    List<? extends ConfigValue> items = (com.typesafe.config.ConfigList) v;
    double[] w = new double[k];
    if (items.isEmpty()) {
      w[0] = 1;
      return w;
    }
    if (items.size() != k) {
      throw invalid(key, allowed);
    }
    double sum = 0;
    for (int a = 0; a < k; a++) {
      Object x = items.get(a).unwrapped();
      if (!(x instanceof Number) || !(((Number) x).doubleValue() >= 0)) {
        throw invalid(key, allowed);
      }
      w[a] = ((Number) x).doubleValue();
      sum += w[a];
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw invalid(key, allowed);
    }
    canonical.put(key, java.util.Arrays.toString(w));
    return w;
  }

  /** An ISO-8601 instant or "", as given (checked here, parsed by the factory). */
  private String instant(String key) {
    String v = string(key);
    if (!v.isEmpty()) {
      try {
        java.time.Instant.parse(v);
      } catch (java.time.format.DateTimeParseException e) {
        throw invalid(key, "an ISO-8601 UTC instant like \"2020-03-12T00:00:00Z\", or \"\"");
      }
    }
    return v;
  }

  private Path inputFile(String key, String file, String allowed) {
    if (file.isBlank()) {
      throw invalid(key, allowed);
    }
    Path path = Path.of(file);
    String from = config.getValue(key).origin().filename();
    if (!path.isAbsolute() && from != null) {
      Path parent = Path.of(from).toAbsolutePath().getParent();
      path = parent == null ? path : parent.resolve(path);
    }
    if (!Files.isRegularFile(path)) {
      throw invalid(key, "an existing file; " + path + " does not exist");
    }
    return path;
  }

  private String hash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : canonical.entrySet()) {
        if (NOT_HASHED.contains(e.getKey())
            || NOT_HASHED_SECTIONS.stream().anyMatch(e.getKey()::startsWith)) {
          continue;
        }
        sha.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      if (accountFile != null) {
        sha.update(("accounts.file.sha256=" + sha256(accountFile) + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      if (seriesFile != null) {
        sha.update(("price.series.file.sha256=" + sha256(seriesFile) + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sha256 of a file's bytes, hex. */
  public static String sha256(Path file) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new ConfigError(file + ": cannot read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * sha256 of the model settings as the model uses them (sorted {@code key=value} lines of
   * typed values: {@code "12"} and {@code 12} hash alike; delays as whole steps) and of the
   * content of every input file; run name, partition count, file paths and the sweep, output
   * and faults sections are left out, as they do not change a point's results.
   */
  public String configHash() {
    return configHash;
  }

  /** The resolved configuration, for sections parsed elsewhere (the sweep). */
  public Config config() {
    return config;
  }

  /** The whole resolved configuration, as HOCON, for the provenance columns. */
  public String resolvedConfig() {
    return config.root().render(ConfigRenderOptions.defaults()
        .setOriginComments(false).setComments(false).setJson(false).setFormatted(true));
  }
}
