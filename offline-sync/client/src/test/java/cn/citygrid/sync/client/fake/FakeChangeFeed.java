package cn.citygrid.sync.client.fake;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The change feed of the test double (docs/sync-protocol.md §5): a log of changes and the current state. A request
 * without a usable cursor gets {@code reset: true} and a snapshot of the current state (paged), then the log from
 * the position the snapshot was taken at. {@link #forceReset()} makes every older cursor unusable (scope change,
 * expired log). Cursors: {@code s:<epoch>:<snapshot>:<offset>} and {@code l:<epoch>:<position>}. Thread-safe.
 */
public final class FakeChangeFeed {
    private final List<Map<String, Object>> log = new ArrayList<>();
    private final Map<String, Map<String, Object>> state = new TreeMap<>();
    private final List<List<Map<String, Object>>> snapshots = new ArrayList<>();
    private final List<Integer> snapshotPositions = new ArrayList<>();
    private int epoch;
    private int pagesServed;

    public synchronized void upsert(String entity, String id, Map<String, Object> data) {
        Map<String, Object> c = change(entity, id, "upsert");
        c.put("data", data);
        log.add(c);
        state.put(entity + "\u0000" + id, c);
    }

    public synchronized void delete(String entity, String id, String reason) {
        Map<String, Object> c = change(entity, id, "delete");
        c.put("reason", reason);
        log.add(c);
        state.remove(entity + "\u0000" + id);
    }

    /** Old cursors stop working: the next pull starts over with a snapshot. */
    public synchronized void forceReset() {
        epoch++;
    }

    public synchronized int pagesServed() {
        return pagesServed;
    }

    synchronized Map<String, Object> page(String cursor, int limit) {
        pagesServed++;
        String[] c = cursor == null ? new String[0] : cursor.split(":");
        if (c.length == 4 && c[0].equals("s") && Integer.parseInt(c[1]) == epoch) {
            return snapshotPage(Integer.parseInt(c[2]), Integer.parseInt(c[3]), limit, false);
        }
        if (c.length == 3 && c[0].equals("l") && Integer.parseInt(c[1]) == epoch) {
            return logPage(Integer.parseInt(c[2]), limit);
        }
        snapshots.add(new ArrayList<>(state.values()));
        snapshotPositions.add(log.size());
        return snapshotPage(snapshots.size() - 1, 0, limit, true);
    }

    private Map<String, Object> snapshotPage(int snapshot, int offset, int limit, boolean reset) {
        List<Map<String, Object>> all = snapshots.get(snapshot);
        int end = Math.min(all.size(), offset + limit);
        boolean done = end == all.size();
        int position = snapshotPositions.get(snapshot);
        String next = done ? "l:" + epoch + ":" + position : "s:" + epoch + ":" + snapshot + ":" + end;
        return answer(all.subList(offset, end), next, !done || position < log.size(), reset);
    }

    private Map<String, Object> logPage(int position, int limit) {
        int end = Math.min(log.size(), position + limit);
        return answer(log.subList(position, end), "l:" + epoch + ":" + end, end < log.size(), false);
    }

    private static Map<String, Object> answer(List<Map<String, Object>> changes, String next, boolean more, boolean reset) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("reset", reset);
        a.put("hasMore", more);
        a.put("nextCursor", next);
        a.put("changes", new ArrayList<>(changes));
        return a;
    }

    private Map<String, Object> change(String entity, String id, String op) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seq", BigDecimal.valueOf(log.size() + 1));
        c.put("entity", entity);
        c.put("id", id);
        c.put("op", op);
        return c;
    }
}
