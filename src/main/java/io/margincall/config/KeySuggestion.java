package io.margincall.config;

import java.util.Collection;
import java.util.Optional;

/** The valid key nearest to a misspelt one, by edit distance on the key and on its last part. */
final class KeySuggestion {
  private KeySuggestion() {}

  static Optional<String> nearest(String key, Collection<String> valid) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String leaf = key.substring(key.lastIndexOf('.') + 1);
    for (String candidate : valid) {
      String candidateLeaf = candidate.substring(candidate.lastIndexOf('.') + 1);
      int distance = Math.min(distance(key, candidate), distance(leaf, candidateLeaf) + 1);
      if (distance < bestDistance || (distance == bestDistance && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    // Suggest only what looks like a typo, not an arbitrary key.
    int limit = Math.max(2, leaf.length() / 3 + 1);
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
            previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
