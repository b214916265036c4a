package io.margincall.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The largest {@code capacity} positive losses seen, each with a companion value (its path's
 * weight under importance sampling), kept exactly: a bounded min-heap of pairs ordered by loss,
 * then companion.
 *
 * <p>Ordering ties by the companion makes the order total, so the kept multiset of pairs, like
 * {@link LossTail}'s, does not depend on the order of arrival or the split: merging is exact and
 * order-free. Zero losses are not kept (the figures built on this tail know the zeros' share
 * from their totals); {@link #complete()} says whether every positive loss offered was kept.
 * Memory: {@code 16 * capacity} bytes.
 */
public final class LossPairTail implements Mergeable<LossPairTail>, Serializable {
  private static final long serialVersionUID = 1L;

  private final int capacity;
  private double[] loss;
  private double[] companion;
  private int size;
  /** Positive losses offered, kept or not. */
  private long offered;

  /** A tail holding at most {@code capacity} pairs; {@code capacity >= 1}. */
  public LossPairTail(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("LossPairTail capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
    int initial = Math.min(capacity, 1024);
    this.loss = new double[initial];
    this.companion = new double[initial];
  }

  public int capacity() {
    return capacity;
  }

  /** Whether every positive loss offered is kept. */
  public boolean complete() {
    return offered <= capacity;
  }

  /** Offers a loss (>= 0; zeros are counted nowhere) with its companion value (finite). */
  public void add(double l, double c) {
    if (!(l >= 0) || Double.isInfinite(l) || !Double.isFinite(c)) {
      throw new IllegalArgumentException("LossPairTail takes a finite loss >= 0 and a finite"
          + " companion, got " + l + ", " + c);
    }
    if (l == 0) {
      return;
    }
    offered++;
    if (size < capacity) {
      if (size == loss.length) {
        int grown = (int) Math.min(capacity, 2L * loss.length);
        loss = Arrays.copyOf(loss, grown);
        companion = Arrays.copyOf(companion, grown);
      }
      loss[size] = l;
      companion[size] = c;
      siftUp(size++);
    } else if (less(loss[0], companion[0], l, c)) {
      loss[0] = l;
      companion[0] = c;
      siftDown(0);
    }
  }

  @Override
  public void merge(LossPairTail other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a LossPairTail with itself");
    }
    if (other.capacity != capacity) {
      throw new IllegalArgumentException(
          "cannot merge LossPairTails of capacity " + capacity + " and " + other.capacity);
    }
    long before = offered;
    for (int i = 0; i < other.size; i++) {
      add(other.loss[i], other.companion[i]);
    }
    offered = before + other.offered;
  }

  /** The kept pairs, largest first: {@code [0]} the losses, {@code [1]} their companions. */
  public double[][] descending() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byLoss = Double.compare(loss[b], loss[a]);
      return byLoss != 0 ? byLoss : Double.compare(companion[b], companion[a]);
    });
    double[][] out = new double[2][size];
    for (int i = 0; i < size; i++) {
      out[0][i] = loss[order[i]];
      out[1][i] = companion[order[i]];
    }
    return out;
  }

  private static boolean less(double l1, double c1, double l2, double c2) {
    return l1 < l2 || (l1 == l2 && c1 < c2);
  }

  private void siftUp(int i) {
    double l = loss[i];
    double c = companion[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(l, c, loss[parent], companion[parent])) {
        break;
      }
      loss[i] = loss[parent];
      companion[i] = companion[parent];
      i = parent;
    }
    loss[i] = l;
    companion[i] = c;
  }

  private void siftDown(int i) {
    double l = loss[i];
    double c = companion[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && less(loss[right], companion[right], loss[child], companion[child])) {
        child = right;
      }
      if (!less(loss[child], companion[child], l, c)) {
        break;
      }
      loss[i] = loss[child];
      companion[i] = companion[child];
      i = child;
    }
    loss[i] = l;
    companion[i] = c;
  }
}
