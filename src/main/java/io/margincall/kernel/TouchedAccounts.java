package io.margincall.kernel;

/**
 * Accounts a path has liquidated and left open, as a max-heap on their current log trigger:
 * the next to become eligible on top. Ties go to the lower account index, so the order of
 * removal is a total order on (key, account) and does not depend on the heap's layout.
 */
final class TouchedAccounts {
  private final double[] key;
  private final int[] account;
  private int size;
  // Slots still to visit in countAbove (a subtree's root is pushed only if its parent counted).
  private final int[] stack;

  TouchedAccounts(int accounts) {
    this.key = new double[accounts];
    this.account = new int[accounts];
    this.stack = new int[accounts + 1];
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** The account at heap slot k, in no particular order (for a walk over all of them). */
  int account(int k) {
    return account[k];
  }

  /** The highest key, or -infinity when empty. */
  double topKey() {
    return size > 0 ? key[0] : Double.NEGATIVE_INFINITY;
  }

  /** The account with the highest key (size() > 0). */
  int topAccount() {
    return account[0];
  }

  /** How many keys lie above {@code x}: a walk of the heap's subtrees whose root does. */
  int countAbove(double x, double shift) {
    int n = 0;
    int[] stack = this.stack;
    int top = 0;
    if (size > 0) {
      stack[top++] = 0;
    }
    while (top > 0) {
      int at = stack[--top];
      if (x < key[at] + shift) {  // as the index's tests: fl(key + shift)
        n++;
        int child = 2 * at + 1;
        if (child < size) {
          stack[top++] = child;
        }
        if (child + 1 < size) {
          stack[top++] = child + 1;
        }
      }
    }
    return n;
  }

  void push(int i, double k) {
    siftUp(size++, i, k);
  }

  /**
   * Removes and returns the top account. Bottom-up (Floyd): the hole left at the root walks down
   * to a leaf along the higher child, one comparison per level, and the last element is sifted
   * up from there, which is rarely more than a level or two as it came from the bottom.
   */
  int pop() {
    int top = account[0];
    int n = --size;
    double k = key[n];
    int i = account[n];
    int at = 0;
    int child;
    while ((child = 2 * at + 1) < n) {
      int right = child + 1;
      if (right < n) {
        // Which child is higher is a coin flip: a flag added to the index (a conditional move)
        // instead of a branch the CPU mispredicts half the time; equal keys are rare.
        double kr = key[right];
        double kc = key[child];
        boolean rightHigher = kr > kc;
        if (kr == kc) {
          rightHigher = account[right] < account[child];
        }
        child += rightHigher ? 1 : 0;
      }
      key[at] = key[child];
      account[at] = account[child];
      at = child;
    }
    siftUp(at, i, k);
    return top;
  }

  /** Places account i with key k at the hole {@code at}, or above it where it belongs. */
  private void siftUp(int at, int i, double k) {
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (key[parent] > k || (key[parent] == k && account[parent] < i)) {
        break;
      }
      key[at] = key[parent];
      account[at] = account[parent];
      at = parent;
    }
    key[at] = k;
    account[at] = i;
  }
}
