package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sorted runs against a reference ordered set, on random steps of pops and batches of
 * pushes (with tied keys, so the account order of ties is exercised, and enough pushes to force
 * the storage's merges): the same accounts come out in the same (key desc, account asc) order,
 * and the counts above a level and the open set agree.
 */
class TouchedAccountsTest {

  private record Entry(double key, int account) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingDouble(Entry::key).reversed().thenComparingInt(Entry::account);

  @Test
  void popsInTheOrderOfKeysThenAccountsThroughMerges() {
    SplittableRandom random = new SplittableRandom(19);
    for (int accounts : new int[] {1, 2, 7, 64, 500}) {
      TouchedAccounts touched = new TouchedAccounts(accounts);
      TreeSet<Entry> reference = new TreeSet<>(ORDER);
      double[] keyOf = new double[accounts];
      boolean[] in = new boolean[accounts];
      int pushes = 0;
      for (int step = 0; step < 4000; step++) {
        // Pop a random number of the top accounts, checking each against the reference.
        int pops = random.nextInt(Math.min(reference.size(), 20) + 1);
        int[] popped = new int[pops];
        for (int p = 0; p < pops; p++) {
          Entry expected = reference.pollFirst();
          assertEquals(expected.key(), touched.topKey(), "accounts " + accounts + " step " + step);
          assertEquals(expected.account(), touched.topAccount());
          assertEquals(expected.account(), touched.pop());
          in[expected.account()] = false;
          popped[p] = expected.account();
        }
        // Push some of the popped accounts back, and some never-touched ones, as one batch.
        for (int p = 0; p < pops; p++) {
          if (random.nextInt(3) > 0) {
            push(touched, reference, keyOf, in, popped[p], random);
            pushes++;
          }
        }
        int fresh = random.nextInt(4);
        for (int f = 0; f < fresh; f++) {
          int a = random.nextInt(accounts);
          if (!in[a]) {
            push(touched, reference, keyOf, in, a, random);
            pushes++;
          }
        }
        assertEquals(reference.size(), touched.size());
        double x = random.nextInt(40) / 4.0 - 5;
        long above = reference.stream().filter(e -> x < e.key() + 0.125).count();
        assertEquals(above, touched.countAbove(x, 0.125));
        if (step % 97 == 0) {
          int[] open = new int[accounts];
          int n = touched.openAccounts(open);
          int[] got = Arrays.copyOf(open, n);
          Arrays.sort(got);
          int[] want = reference.stream().mapToInt(Entry::account).sorted().toArray();
          assertEquals(Arrays.toString(want), Arrays.toString(got));
        }
      }
      assertEquals(true, pushes > 3 * accounts, "the storage was merged at least once");
      touched.clear();
      assertEquals(0, touched.size());
      assertEquals(Double.NEGATIVE_INFINITY, touched.topKey());
    }
  }

  private static void push(TouchedAccounts touched, TreeSet<Entry> reference, double[] keyOf,
      boolean[] in, int a, SplittableRandom random) {
    // Keys on a coarse grid: ties between accounts are common.
    double key = random.nextInt(40) / 4.0 - 5;
    keyOf[a] = key;
    in[a] = true;
    touched.push(a, key);
    reference.add(new Entry(key, a));
  }
}
