package dev.goodhart.ingest.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The checkpoint state of a table read by rowid. */
class RowCursorTest {
  @Test
  void aCursorReadsBackAsItWasWritten() {
    RowCursor cursor = new RowCursor(812, RowCursor.fingerprint("'mu_812'"), List.of(807L, 811L));

    assertEquals(cursor, RowCursor.parse(cursor.toString()));
    assertEquals("after=812 anchor=" + cursor.anchor() + " pending=807,811", cursor.toString());
  }

  @Test
  void theStartOfATableIsAnEmptyState() {
    assertEquals("", RowCursor.START.toString());
    assertEquals(RowCursor.START, RowCursor.parse(""));
  }

  @Test
  void aStateThatDoesNotParseIsTheStartOfTheTable() {
    // Another version's state, or a damaged one: everything is read again; the store keeps one
    // copy.
    for (String state :
        List.of("after=x anchor=a", "pending=1,2", "after=5 pending=1,,2", "message=17673")) {
      assertEquals(RowCursor.START, RowCursor.parse(state), state);
    }
  }

  @Test
  void moreUnfinishedRowsThanAreFollowedReadTheTableAgain() {
    String pending =
        String.join(
            ",",
            LongStream.rangeClosed(1, RowCursor.MAX_PENDING + 1).mapToObj(Long::toString).toList());

    assertEquals(RowCursor.START, RowCursor.parse("after=200 anchor=ab pending=" + pending));
  }

  @Test
  void theFingerprintTellsRowsApart() {
    assertEquals(16, RowCursor.fingerprint("'a'").length());
    assertEquals(RowCursor.fingerprint("'a'"), RowCursor.fingerprint("'a'"));
    assertNotEquals(RowCursor.fingerprint("'a'"), RowCursor.fingerprint("'b'"));
  }
}
