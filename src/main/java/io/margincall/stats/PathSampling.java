package io.margincall.stats;

/**
 * How a run's paths were drawn, which decides what the statistics must keep: independent paths
 * of weight 1, antithetic pairs (standard errors count pairs), or weighted paths (importance
 * sampling: every figure weighs each path by its likelihood ratio, the tail keeps the weights).
 */
public enum PathSampling {
  INDEPENDENT,
  ANTITHETIC,
  WEIGHTED
}
