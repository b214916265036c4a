package io.margincall.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The largest {@code capacity} losses seen, kept exactly: a bounded min-heap of doubles.
 *
 * <p>The multiset of the k largest values of a sample does not depend on the order in which the
 * values arrive or on how the sample was split, so merging tails is exact and order-free.
 * Tail quantiles (VaR) and tail means (expected shortfall) computed from it are the exact sample
 * statistics, provided the capacity covers the deepest rank they need (see {@link TailRisk}).
 * Memory: {@code 8 * capacity} bytes.
 */
public final class LossTail implements Mergeable<LossTail>, Serializable {
  private static final long serialVersionUID = 1L;

  private final int capacity;
  private double[] heap;
  private int size;

  /** A tail holding at most {@code capacity} values; {@code capacity >= 1}. */
  public LossTail(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("LossTail capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
    this.heap = new double[Math.min(capacity, 1024)];
  }

  public int capacity() {
    return capacity;
  }

  public int size() {
    return size;
  }

  /** Offers a loss; kept if it is among the {@code capacity} largest so far. */
  public void add(double loss) {
    if (Double.isNaN(loss)) {
      throw new IllegalArgumentException("LossTail does not take NaN");
    }
    if (size < capacity) {
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, (int) Math.min(capacity, 2L * heap.length));
      }
      heap[size] = loss;
      siftUp(size++);
    } else if (loss > heap[0]) {
      heap[0] = loss;
      siftDown(0);
    }
  }

  @Override
  public void merge(LossTail other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a LossTail with itself");
    }
    if (other.capacity != capacity) {
      throw new IllegalArgumentException(
          "cannot merge LossTails of capacity " + capacity + " and " + other.capacity);
    }
    for (int i = 0; i < other.size; i++) {
      add(other.heap[i]);
    }
  }

  /** The kept losses, largest first. */
  public double[] descending() {
    double[] sorted = Arrays.copyOf(heap, size);
    Arrays.sort(sorted);
    for (int i = 0, j = size - 1; i < j; i++, j--) {
      double swap = sorted[i];
      sorted[i] = sorted[j];
      sorted[j] = swap;
    }
    return sorted;
  }

  private void siftUp(int i) {
    double x = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= x) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = x;
  }

  private void siftDown(int i) {
    double x = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && heap[right] < heap[child]) {
        child = right;
      }
      if (x <= heap[child]) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = x;
  }
}
