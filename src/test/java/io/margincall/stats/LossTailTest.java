package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LossTailTest extends MergeableContract<LossTail> {

  @Override
  LossTail empty() {
    return new LossTail(257);
  }

  @Override
  void feed(LossTail instance, double value) {
    instance.add(value);
  }

  @Override
  String fingerprint(LossTail instance) {
    return Arrays.toString(instance.descending());
  }

  @Test
  void keepsExactlyTheLargestValues() {
    Random random = new Random(11);
    double[] values = new double[5000];
    LossTail tail = new LossTail(100);
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(300) * 1.5;  // many ties
      tail.add(values[i]);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] expected = new double[100];
    for (int i = 0; i < 100; i++) {
      expected[i] = sorted[sorted.length - 1 - i];
    }
    assertArrayEquals(expected, tail.descending(), 0.0);
  }

  @Test
  void holdsEverythingWhenFewerValuesThanCapacity() {
    LossTail tail = new LossTail(10);
    tail.add(2);
    tail.add(0);
    tail.add(5);
    assertArrayEquals(new double[] {5, 2, 0}, tail.descending(), 0.0);
  }
}
