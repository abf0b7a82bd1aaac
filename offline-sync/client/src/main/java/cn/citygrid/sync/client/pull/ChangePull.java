package cn.citygrid.sync.client.pull;

import cn.citygrid.sync.client.proposal.Proposals;
import cn.citygrid.sync.client.store.LocalStore;
import cn.citygrid.sync.client.store.SyncState;
import cn.citygrid.sync.client.transport.Change;
import cn.citygrid.sync.client.transport.ChangePage;
import cn.citygrid.sync.client.transport.SyncApi;
import cn.citygrid.sync.protocol.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls the change feed into the replica (docs/sync-protocol.md §5). Each page — its changes in order and its
 * {@code nextCursor} — commits in one transaction, so a crash re-asks the same cursor and re-applies the same
 * idempotent page. {@code reset} starts a new generation; when the feed is caught up ({@code hasMore: false})
 * rows of older generations, which the snapshot did not re-send, are deleted in the same transaction.
 */
public final class ChangePull {
    private final LocalStore store;
    private final SyncApi api;
    private final int pageSize;

    public ChangePull(LocalStore store, SyncApi api, int pageSize) {
        this.store = store;
        this.api = api;
        this.pageSize = pageSize;
    }

    /** What a pull did; {@code decidedProposals} are record ids whose outcome changed. */
    public record Result(int pages, int applied, boolean reset, boolean caughtUp, List<String> decidedProposals) {}

    /** Pulls at most {@code maxPages} pages. */
    public Result pull(int maxPages) {
        int pages = 0;
        int applied = 0;
        boolean reset = false;
        boolean caughtUp = false;
        List<String> decided = new ArrayList<>();
        while (pages < maxPages && !caughtUp) {
            String cursor = store.read(c -> SyncState.get(c, SyncState.CURSOR).orElse(null));
            ChangePage page = api.changes(cursor, pageSize);
            decided.addAll(store.inTransaction(c -> apply(c, page)));
            pages++;
            applied += page.changes().size();
            reset |= page.reset();
            caughtUp = !page.hasMore();
        }
        return new Result(pages, applied, reset, caughtUp, decided);
    }

    /** Applies one page; returns the proposals it decided. */
    static List<String> apply(Connection c, ChangePage page) throws SQLException {
        long generation = Long.parseLong(SyncState.get(c, SyncState.GENERATION).orElse("0"));
        if (page.reset()) {
            generation++;
            SyncState.put(c, SyncState.GENERATION, Long.toString(generation));
            SyncState.put(c, SyncState.RESETTING, "1");
        }
        List<String> decided = new ArrayList<>();
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO replica (entity, id, data, seq, generation) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data, seq = excluded.seq, "
                + "generation = excluded.generation");
             PreparedStatement delete = c.prepareStatement("DELETE FROM replica WHERE entity = ? AND id = ?")) {
            for (Change ch : page.changes()) {
                if ("proposal".equals(ch.entity())) {
                    if (ch.op() == Change.Op.upsert && Proposals.decideFromFeed(c, ch.id(), ch.data())) {
                        decided.add(ch.id());
                    }
                } else if (ch.op() == Change.Op.upsert) {
                    upsert.setString(1, ch.entity());
                    upsert.setString(2, ch.id());
                    upsert.setString(3, Json.write(ch.data()));
                    upsert.setLong(4, ch.seq());
                    upsert.setLong(5, generation);
                    upsert.addBatch();
                } else {
                    delete.setString(1, ch.entity());
                    delete.setString(2, ch.id());
                    delete.addBatch();
                }
                if (ch.op() == Change.Op.delete) {
                    upsert.executeBatch();
                    delete.executeBatch();
                }
            }
            upsert.executeBatch();
            delete.executeBatch();
        }
        SyncState.put(c, SyncState.CURSOR, page.nextCursor());
        if (!page.hasMore() && SyncState.get(c, SyncState.RESETTING).isPresent()) {
            try (PreparedStatement sweep = c.prepareStatement("DELETE FROM replica WHERE generation < ?")) {
                sweep.setLong(1, generation);
                sweep.executeUpdate();
            }
            SyncState.remove(c, SyncState.RESETTING);
        }
        return decided;
    }
}
