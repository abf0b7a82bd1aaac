package cn.citygrid.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FeedCursorTest {
  /** Whether {@code xid} had ended when {@code s} was taken (pg_visible_in_snapshot). */
  private static boolean sees(FeedSnapshot s, long xid) {
    return xid < s.xmin() || (xid < s.xmax() && !s.xip().contains(xid));
  }

  @Test
  void snapshotsReadAsPostgresWritesThem_andNothingElse() {
    FeedSnapshot s = FeedSnapshot.parse("740:750:741,745");
    assertThat(s).isEqualTo(new FeedSnapshot(740, 750, List.of(741L, 745L)));
    assertThat(s.text()).isEqualTo("740:750:741,745");
    assertThat(FeedSnapshot.parse("740:740:").text()).isEqualTo("740:740:");
    for (String bad : new String[] {"", "740", "740:750", "750:740:", "740:750:739", "740:750:750", "a:b:",
        "740:750:741,", "99999999999999999999:1:"}) {
      assertThat(FeedSnapshot.parse(bad)).as(bad).isNull();
    }
  }

  @Test
  void aBusySnapshotIsNarrowed_neverWidened() {
    List<Long> running = LongStream.range(0, 40).map(i -> 1000 + 3 * i).boxed().toList();
    FeedSnapshot busy = new FeedSnapshot(1000, 1200, running);
    FeedSnapshot bounded = busy.bounded();
    assertThat(bounded.xip()).hasSize(FeedSnapshot.MAX_IN_PROGRESS);
    assertThat(bounded.xmax()).isEqualTo(running.get(FeedSnapshot.MAX_IN_PROGRESS));
    for (long xid = 990; xid < 1210; xid++) {
      if (sees(bounded, xid)) {
        assertThat(sees(busy, xid)).as("xid %d", xid).isTrue();
      }
    }
    FeedSnapshot quiet = new FeedSnapshot(1000, 1010, List.of(1003L));
    assertThat(quiet.bounded()).isSameAs(quiet);
  }

  @Test
  void aCursorInTheMiddleOfAWindow_readsBackAsWritten() {
    ChangeFeed.Cursor c = new ChangeFeed.Cursor("ep", "sc", FeedSnapshot.parse("700:705:701"),
        FeedSnapshot.parse("703:720:703,711"), 704, 9123, -1, null);
    assertThat(ChangeFeed.Cursor.decode(c.encode())).isEqualTo(c);
    ChangeFeed.Cursor live = ChangeFeed.Cursor.live("ep", "sc", FeedSnapshot.parse("720:720:"));
    assertThat(ChangeFeed.Cursor.decode(live.encode())).isEqualTo(live);
  }

  @Test
  void aVersion2Cursor_goesOnFromBelowItsTransaction() {
    String v2 = encode(new JsonObject().put("v", 2).put("e", "ep").put("s", "sc").put("x", 812L).put("q", 44L));
    ChangeFeed.Cursor c = ChangeFeed.Cursor.decode(v2);
    assertThat(c.base()).isEqualTo(FeedSnapshot.below(812));
    assertThat(c.to()).isNull();
    assertThat(c.snapshot()).isFalse();
  }

  @Test
  void cursorsThatCannotBeOurs_areVoid() {
    JsonObject ok = new JsonObject().put("v", 3).put("e", "ep").put("s", "sc").put("b", "700:700:");
    assertThat(ChangeFeed.Cursor.decode(encode(ok))).isNotNull();
    assertThat(ChangeFeed.Cursor.decode(encode(ok.copy().put("b", "700:690:")))).isNull();
    assertThat(ChangeFeed.Cursor.decode(encode(ok.copy().put("t", "650:710:").put("x", 1L).put("q", 1L)))).as("window before its base")
        .isNull();
    assertThat(ChangeFeed.Cursor.decode(encode(ok.copy().put("t", "nope").put("x", 1L).put("q", 1L)))).isNull();
    assertThat(ChangeFeed.Cursor.decode(encode(ok.copy().put("v", 1)))).isNull();
    assertThat(ChangeFeed.Cursor.decode("x".repeat(ChangeFeed.Cursor.MAX_LENGTH + 1))).isNull();
    assertThat(ChangeFeed.Cursor.decode("%%%")).isNull();
  }

  private static String encode(JsonObject json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
