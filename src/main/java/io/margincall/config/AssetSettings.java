package io.margincall.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keys {@code price.main-asset}, {@code price.assets} and {@code price.correlation}: the collateral
 * assets, main asset first, each a GBM, and the correlation of their shocks.
 *
 * @param names the assets' names, main first
 * @param initial each asset's price at time 0, USD
 * @param drift each asset's annual drift
 * @param volatility each asset's annual volatility
 * @param correlation the k x k correlation matrix, row-major (identity for [])
 */
public record AssetSettings(List<String> names, double[] initial, double[] drift,
                            double[] volatility, double[] correlation) {
  private static final String ASSET = "a list of { name, initial, drift, volatility }";

  /** Number of assets, the main one included. */
  public int count() {
    return names.size();
  }

  /** The main collateral asset, the one price.* describes. */
  public String mainAsset() {
    return names.get(0);
  }

  /** The main asset is described by the rest of the price section. */
  static AssetSettings read(ConfigReader r, double mainInitial, double mainDrift, double mainVolatility) {
    List<String> names = new ArrayList<>(List.of(r.string("price.main-asset")));
    List<Double> initials = new ArrayList<>(List.of(mainInitial));
    List<Double> drifts = new ArrayList<>(List.of(mainDrift));
    List<Double> vols = new ArrayList<>(List.of(mainVolatility));
    ConfigValue assetsValue = r.present("price.assets", ASSET);
    if (assetsValue.valueType() != ConfigValueType.LIST) {
      throw r.invalid("price.assets", ASSET);
    }
    for (ConfigValue item : (ConfigList) assetsValue) {
      String where = ConfigReader.origin(item.origin()) + ": price.assets";
      if (item.valueType() != ConfigValueType.OBJECT) {
        throw new ConfigError(where + ": each asset must be { name, initial, drift, volatility }");
      }
      Config asset = ((ConfigObject) item).toConfig();
      try {
        String assetName = asset.getString("name");
        double init = asset.getDouble("initial");
        double mu = asset.hasPath("drift") ? asset.getDouble("drift") : 0;
        double sigma = asset.getDouble("volatility");
        if (names.contains(assetName) || !(init > 0) || !(sigma >= 0) || Math.abs(mu) > 100) {
          throw new ConfigError(where + ": asset " + assetName + ": names must be unique, initial"
              + " > 0, volatility >= 0, |drift| <= 100");
        }
        names.add(assetName);
        initials.add(init);
        drifts.add(mu);
        vols.add(sigma);
      } catch (ConfigException e) {
        throw new ConfigError(where + ": " + e.getMessage() + "; each asset is { name, initial,"
            + " drift, volatility }", e);
      }
    }
    double[] initial = initials.stream().mapToDouble(Double::doubleValue).toArray();
    double[] drift = drifts.stream().mapToDouble(Double::doubleValue).toArray();
    double[] volatility = vols.stream().mapToDouble(Double::doubleValue).toArray();
    r.canonical("price.assets", names + " " + Arrays.toString(initial) + " "
        + Arrays.toString(drift) + " " + Arrays.toString(volatility));
    return new AssetSettings(List.copyOf(names), initial, drift, volatility,
        matrix(r, "price.correlation", names.size()));
  }

  /** A k x k correlation matrix (row-major), identity for []; checked to be PSD. */
  private static double[] matrix(ConfigReader r, String key, int k) {
    ConfigValue v = r.present(key, "a list of rows");
    String allowed = "a " + k + " x " + k + " correlation matrix (list of rows, main asset first),"
        + " or [] for independent assets";
    if (v.valueType() != ConfigValueType.LIST) {
      throw r.invalid(key, allowed);
    }
    List<? extends ConfigValue> rows = (ConfigList) v;
    double[] m = new double[k * k];
    if (rows.isEmpty()) {
      for (int a = 0; a < k; a++) {
        m[a * k + a] = 1;
      }
      return m;
    }
    if (rows.size() != k) {
      throw r.invalid(key, allowed);
    }
    for (int a = 0; a < k; a++) {
      ConfigValue row = rows.get(a);
      if (row.valueType() != ConfigValueType.LIST || ((ConfigList) row).size() != k) {
        throw r.invalid(key, allowed);
      }
      for (int b = 0; b < k; b++) {
        Object x = ((ConfigList) row).get(b).unwrapped();
        if (!(x instanceof Number)) {
          throw r.invalid(key, allowed);
        }
        m[a * k + b] = ((Number) x).doubleValue();
      }
    }
    try {
      io.margincall.model.price.CorrelatedAssets.cholesky(m, k);
    } catch (IllegalArgumentException e) {
      throw r.invalid(key, "a correlation matrix; this one is " + e.getMessage());
    }
    r.canonical(key, Arrays.toString(m));
    return m;
  }

  /**
   * Several assets support GBM prices with the oracle and protocol rules only, for now: every
   * other mechanism must keep its ideal setting.
   */
  void requireSupported(ConfigReader r, PriceSettings price, OracleSettings oracle,
                        LiquiditySettings liquidity, CongestionSettings congestion,
                        AccountsSettings accounts) {
    if (count() == 1) {
      return;
    }
    require(r, "price.model", "gbm".equals(price.model()), "gbm");
    require(r, "price.innovations", "normal".equals(price.innovations()), "normal");
    require(r, "price.volatility-model", "constant".equals(price.volatilityModel()), "constant");
    require(r, "price.jumps.intensity-per-day", price.jumps().perDay() == 0, "0");
    require(r, "price.regime.enabled", !price.regime().enabled(), "false");
    require(r, "oracle.outages.rate-per-day", oracle.outagesPerDay() == 0, "0");
    require(r, "liquidity.model", "infinite".equals(liquidity.model()), "infinite");
    require(r, "congestion.enabled", !congestion.enabled(), "false");
    require(r, "accounts.source", "generated".equals(accounts.source()), "generated");
  }

  private static void require(ConfigReader r, String key, boolean ok, String allowed) {
    if (!ok) {
      throw r.invalid(key, allowed + " while price.assets lists further assets (several assets"
          + " support GBM prices with the oracle and protocol rules only, for now)");
    }
  }
}
