package io.margincall.kernel;

/**
 * Accounts a path has liquidated and left open, ordered by their current log trigger, the next
 * to become eligible first: the order of removal is the total order (key descending, account
 * ascending), so it does not depend on how the accounts are stored.
 *
 * <p>Stored as sorted runs, one per step that reopened accounts, merged through a small max-heap
 * of the runs' heads (a k-way merge). A step's new triggers are pushed together and sorted once;
 * a pop reads the next element of one run and sifts a heap of at most a few hundred heads, which
 * stays in the L1 cache, where a binary heap over every touched account (tens of thousands in a
 * big book) walked ~15 levels of scattered memory per pop. When the runs' storage fills up, the
 * live entries are merged into one run.
 */
final class TouchedAccounts {
  // Run storage: runs are contiguous, sorted segments [cursor[r], end[r]) of these arrays.
  private final double[] key;
  private final int[] account;
  private final int[] cursor;
  private final int[] end;
  private int runs;
  private int written;       // entries written to the storage so far (live or popped)
  private int batchStart;    // the current step's pushes: [batchStart, written), not yet sorted
  private int size;          // live entries, the batch included
  // Max-heap of the non-empty runs, by their head (key descending, account ascending).
  private final double[] headKey;
  private final int[] headAccount;
  private final int[] headRun;
  private int heads;
  // Scratch for sorting a batch and for merging the storage.
  private final double[] scratchKey;
  private final int[] scratchAccount;

  TouchedAccounts(int accounts) {
    // Live entries are at most `accounts`, and so is one step's batch (an account is popped
    // before it is pushed again): merging whenever a batch starts beyond 2 x accounts keeps
    // 3 x accounts of storage enough.
    int capacity = 3 * Math.max(accounts, 1);
    this.key = new double[capacity];
    this.account = new int[capacity];
    this.cursor = new int[capacity + 1];
    this.end = new int[capacity + 1];
    this.headKey = new double[capacity + 1];
    this.headAccount = new int[capacity + 1];
    this.headRun = new int[capacity + 1];
    this.scratchKey = new double[capacity];
    this.scratchAccount = new int[capacity];
  }

  void clear() {
    runs = 0;
    written = 0;
    batchStart = 0;
    size = 0;
    heads = 0;
  }

  int size() {
    return size;
  }

  /** The highest key, or -infinity when empty. */
  double topKey() {
    seal();
    return heads > 0 ? headKey[0] : Double.NEGATIVE_INFINITY;
  }

  /** The account with the highest key (size() > 0). */
  int topAccount() {
    seal();
    return headAccount[0];
  }

  /** Copies the open accounts, in no particular order, into {@code out}; returns how many. */
  int openAccounts(int[] out) {
    seal();
    int n = 0;
    for (int h = 0; h < heads; h++) {
      int r = headRun[h];
      for (int j = cursor[r]; j < end[r]; j++) {
        out[n++] = account[j];
      }
    }
    return n;
  }

  /** How many keys lie above {@code x}: a binary search in each run. */
  int countAbove(double x, double shift) {
    seal();
    int n = 0;
    for (int h = 0; h < heads; h++) {
      int r = headRun[h];
      // Keys descend along a run, and fl(key + shift) with them: the keys above x are a prefix.
      int lo = cursor[r];
      int hi = end[r];
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (x < key[mid] + shift) {  // as the index's tests: fl(key + shift)
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      n += lo - cursor[r];
    }
    return n;
  }

  /** Adds account i with key k; it joins this step's batch, sorted at the next read. */
  void push(int i, double k) {
    if (written == batchStart && written > 2 * (key.length / 3)) {
      mergeStorage();
    }
    key[written] = k;
    account[written] = i;
    written++;
    size++;
  }

  /** Removes and returns the top account (size() > 0). */
  int pop() {
    seal();
    int top = headAccount[0];
    size--;
    advance(headRun[0]);
    return top;
  }

  /** Sorts the pending batch into a run of its own and adds its head to the heap. */
  private void seal() {
    if (batchStart == written) {
      return;
    }
    sort(batchStart, written);
    int r = runs++;
    cursor[r] = batchStart;
    end[r] = written;
    batchStart = written;
    siftUp(heads++, key[cursor[r]], account[cursor[r]], r);
  }

  /** Merges every live entry into one run at the start of the storage. */
  private void mergeStorage() {
    int n = 0;
    while (heads > 0) {
      scratchKey[n] = headKey[0];
      scratchAccount[n] = headAccount[0];
      n++;
      advance(headRun[0]);
    }
    System.arraycopy(scratchKey, 0, key, 0, n);
    System.arraycopy(scratchAccount, 0, account, 0, n);
    runs = 0;
    written = n;
    batchStart = n;
    size = n;
    if (n > 0) {
      cursor[0] = 0;
      end[0] = n;
      runs = 1;
      heads = 1;
      place(0, key[0], account[0], 0);
    }
  }

  /** Moves run r, at the heap's root, to its next entry, or drops it from the heap if done. */
  private void advance(int r) {
    int next = ++cursor[r];
    if (next < end[r]) {
      siftDown(0, key[next], account[next], r);
    } else {
      int last = --heads;
      if (last > 0) {
        siftDown(0, headKey[last], headAccount[last], headRun[last]);
      }
    }
  }

  /** True if (k1, a1) comes before (k2, a2): the higher key, or the lower account on a tie. */
  private static boolean before(double k1, int a1, double k2, int a2) {
    return k1 > k2 || (k1 == k2 && a1 < a2);
  }

  private void place(int at, double k, int a, int r) {
    headKey[at] = k;
    headAccount[at] = a;
    headRun[at] = r;
  }

  private void siftUp(int at, double k, int a, int r) {
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!before(k, a, headKey[parent], headAccount[parent])) {
        break;
      }
      headKey[at] = headKey[parent];
      headAccount[at] = headAccount[parent];
      headRun[at] = headRun[parent];
      at = parent;
    }
    place(at, k, a, r);
  }

  private void siftDown(int at, double k, int a, int r) {
    int n = heads;
    int child;
    while ((child = 2 * at + 1) < n) {
      int right = child + 1;
      if (right < n && before(headKey[right], headAccount[right], headKey[child],
          headAccount[child])) {
        child = right;
      }
      if (!before(headKey[child], headAccount[child], k, a)) {
        break;
      }
      headKey[at] = headKey[child];
      headAccount[at] = headAccount[child];
      headRun[at] = headRun[child];
      at = child;
    }
    place(at, k, a, r);
  }

  /** Sorts [from, to) of the storage into (key descending, account ascending) order. */
  private void sort(int from, int to) {
    if (to - from <= 24) {
      insertionSort(from, to);
      return;
    }
    int mid = (from + to) >>> 1;
    sort(from, mid);
    sort(mid, to);
    if (!before(key[mid], account[mid], key[mid - 1], account[mid - 1])) {
      return;  // already in order
    }
    int i = from;
    int j = mid;
    int n = 0;
    while (i < mid && j < to) {
      if (before(key[j], account[j], key[i], account[i])) {
        scratchKey[n] = key[j];
        scratchAccount[n++] = account[j++];
      } else {
        scratchKey[n] = key[i];
        scratchAccount[n++] = account[i++];
      }
    }
    while (i < mid) {
      scratchKey[n] = key[i];
      scratchAccount[n++] = account[i++];
    }
    // What is left of [mid, to) is already in place.
    System.arraycopy(scratchKey, 0, key, from, n);
    System.arraycopy(scratchAccount, 0, account, from, n);
  }

  private void insertionSort(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      double k = key[i];
      int a = account[i];
      int j = i - 1;
      while (j >= from && before(k, a, key[j], account[j])) {
        key[j + 1] = key[j];
        account[j + 1] = account[j];
        j--;
      }
      key[j + 1] = k;
      account[j + 1] = a;
    }
  }
}
