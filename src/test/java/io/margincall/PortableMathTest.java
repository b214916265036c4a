package io.margincall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No main source calls {@code java.lang.Math}'s transcendental functions (issue 19, portable
 * bits): the JIT replaces {@code Math.exp}, {@code log}, {@code log10}, {@code pow}, {@code sin},
 * {@code cos} and {@code tan} by intrinsics whose last bits depend on the CPU and the JDK build,
 * and the others are allowed to. Code uses {@code StrictMath} (fdlibm's bits everywhere) or
 * {@code model.FdLibm} (the same bits, inlinable). {@code Math.sqrt} (exact under IEEE 754),
 * {@code floor}, {@code abs} and the like stay. A use is a call, a method reference or a static
 * import; comments and string literals are not read. {@code PortableBitsTest} checks the
 * result: the goldens with the intrinsics switched off.
 *
 * <p>Nor does a main source use Commons RNG's samplers ({@code org.apache.commons.rng.sampling},
 * imported or fully qualified): they call {@code Math.exp} and {@code Math.log} in their
 * accept/reject tests (the ziggurats' overhangs, Marsaglia-Tsang's gamma, Ahrens-Dieter, ...),
 * where another CPU's last bit can flip a draw. {@code model.random} holds portable copies
 * ({@code ZigguratNormal}, {@code ZigguratExponential}, {@code MarsagliaTsangGamma}); a sampler
 * needed beyond those is copied there with {@code StrictMath} too.
 */
class PortableMathTest {
  private static final String FUNCTIONS =
      "(exp|expm1|log|log10|log1p|pow|cbrt|hypot|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh)";
  /**
   * Math (alone or as java.lang.Math, not StrictMath or FastMath) . or :: a function; a static
   * import of one function is such a qualified name too, so only the on-demand one is apart.
   */
  private static final Pattern USE = Pattern.compile(
      "(?<![\\w$.])(?:java\\s*\\.\\s*lang\\s*\\.\\s*)?Math\\s*(?:\\.|::)\\s*"
          + FUNCTIONS + "(?![\\w$])");
  private static final Pattern STATIC_IMPORT = Pattern.compile(
      "import\\s+static\\s+java\\s*\\.\\s*lang\\s*\\.\\s*Math\\s*\\.\\s*\\*");
  /** Any name in Commons RNG's sampling packages (an import, a static import or a qualified use). */
  private static final Pattern SAMPLER = Pattern.compile(
      "(?<![\\w$.])org\\s*\\.\\s*apache\\s*\\.\\s*commons\\s*\\.\\s*rng\\s*\\.\\s*sampling"
          + "(?:\\s*\\.\\s*(?:\\w+|\\*))*");

  @Test
  void mainSourcesUseNoIntrinsicMath() throws IOException {
    List<String> problems = new ArrayList<>();
    PackageLayeringTest.mainSources().forEach((file, source) ->
        problems.addAll(violations(file, source)));
    assertTrue(problems.isEmpty(), "results must not depend on the CPU's exp/log/pow: use"
        + " StrictMath, model.FdLibm or model.random (see this test's javadoc):\n" + String.join("\n", problems));
  }

  @Test
  void callsReferencesAndStaticImportsAreNamedButStrictMathCommentsAndStringsAreNot() {
    String source = String.join("\n",
        "package io.margincall.kernel;",
        "import static java.lang.Math.exp;",
        "import static java.lang.Math.*;",
        "import static java.lang.Math.sqrt;",
        "/** Math.exp in a comment. */",
        "class Bad {",
        "  double a = Math.exp(1) + StrictMath.log(2) + FastMath.pow(2, 3);",
        "  double b = java.lang.Math.log10(3) + Math . pow(2, 0.5) + Math.sqrt(2);",
        "  java.util.function.DoubleUnaryOperator c = Math::log;",
        "  String s = \"Math.log(2)\";",
        "  double d = Math.expm1(1e-3) + Math.exponent(2) + Math.logarithm(3);",
        "}");
    assertEquals(List.of(
            "kernel/Bad.java:2: java.lang.Math.exp",
            "kernel/Bad.java:3: java.lang.Math.*",
            "kernel/Bad.java:7: Math.exp",
            "kernel/Bad.java:8: java.lang.Math.log10",
            "kernel/Bad.java:8: Math.pow",
            "kernel/Bad.java:9: Math::log",
            "kernel/Bad.java:11: Math.expm1"),
        violations("kernel/Bad.java", source));
  }

  @Test
  void commonsRngSamplersAreNamedWithTheirFileAndLine() {
    String source = String.join("\n",
        "package io.margincall.model.price;",
        "import org.apache.commons.rng.UniformRandomProvider;",
        "import org.apache.commons.rng.sampling.distribution.ZigguratSampler;",
        "import io.margincall.model.random.ZigguratNormal;",
        "/** org.apache.commons.rng.sampling.distribution.ZigguratSampler in a comment. */",
        "class Bad {",
        "  Object g = org.apache.commons.rng.sampling.distribution",
        "      .AhrensDieterMarsagliaTsangGammaSampler.of(null, 2, 2);",
        "  String s = \"org.apache.commons.rng.sampling\";",
        "}");
    assertEquals(List.of(
            "model/price/Bad.java:3: org.apache.commons.rng.sampling.distribution.ZigguratSampler"
                + " (a Commons RNG sampler: Math.exp/log in its accept/reject tests;"
                + " use model.random's copies)",
            "model/price/Bad.java:7: org.apache.commons.rng.sampling.distribution"
                + ".AhrensDieterMarsagliaTsangGammaSampler.of (a Commons RNG sampler:"
                + " Math.exp/log in its accept/reject tests; use model.random's copies)"),
        violations("model/price/Bad.java", source));
  }

  /**
   * Each use of an intrinsic-prone Math function or of a Commons RNG sampler in {@code source},
   * as {@code file:line: use}.
   */
  static List<String> violations(String file, String source) {
    String code = PackageLayeringTest.codeOnly(source);
    SortedMap<Integer, String> uses = new TreeMap<>();
    for (Pattern p : List.of(STATIC_IMPORT, USE)) {
      Matcher m = p.matcher(code);
      while (m.find()) {
        uses.put(m.start(), m.group().replaceAll("\\s+", "").replaceFirst("^importstatic", ""));
      }
    }
    Matcher m = SAMPLER.matcher(code);
    while (m.find()) {
      uses.put(m.start(), m.group().replaceAll("\\s+", "") + " (a Commons RNG sampler:"
          + " Math.exp/log in its accept/reject tests; use model.random's copies)");
    }
    List<String> out = new ArrayList<>();
    uses.forEach((at, use) ->
        out.add(file + ":" + PackageLayeringTest.lineOf(code, at) + ": " + use));
    return out;
  }
}
