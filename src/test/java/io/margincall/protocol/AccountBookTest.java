package io.margincall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccountBookTest {

  @Test
  void ordersAccountsByDescendingTriggerAndBankruptcyPrice() {
    // triggers D/(c LT): 50/(1*0.5)=100, 90/(1*0.9)=100 (tie: input order), 30/(2*0.5)=30, 0
    AccountBook book = AccountBook.of(new double[] {2, 1, 1, 1}, new double[] {30, 50, 90, 0},
        new double[] {0.5, 0.5, 0.9, 0.8});
    assertEquals(1, book.sourceRow(0));
    assertEquals(2, book.sourceRow(1));
    assertEquals(0, book.sourceRow(2));
    assertEquals(3, book.sourceRow(3));
    assertEquals(Math.log(100), book.logTrigger(0), 1e-12);
    assertEquals(Double.NEGATIVE_INFINITY, book.logTrigger(3));
    for (int k = 1; k < book.size(); k++) {
      assertTrue(book.logTrigger(k - 1) >= book.logTrigger(k));
      assertTrue(book.logBankruptcySorted(k - 1) >= book.logBankruptcySorted(k));
    }
    // bankruptcy D/c: 90 (row 2) first
    assertEquals(2, book.sourceRow(book.byBankruptcy(0)));
    assertEquals(4, book.totalCollateral() - 1, 1e-12);
    assertEquals(170, book.totalDebt(), 1e-12);
  }

  @Test
  void namesTheFirstBadAccount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AccountBook.of(new double[] {1, -1}, new double[] {1, 1}, new double[] {0.5, 0.5}));
    assertTrue(e.getMessage().contains("account 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> AccountBook.of(new double[] {1}, new double[] {Double.NaN}, new double[] {0.5}));
    assertThrows(IllegalArgumentException.class,
        () -> AccountBook.of(new double[] {1}, new double[] {1}, new double[] {1.5}));
  }
}
