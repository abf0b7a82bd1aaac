package cn.citygrid.backend.governance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Puts a merged pair back as the snapshot recorded them. */
final class Unmerge {
  private final SqlConnection tx;
  private final long survivor;
  private final long absorbed;
  private final JsonObject snapshot;

  Unmerge(SqlConnection tx, long survivor, long absorbed, JsonObject snapshot) {
    this.tx = tx;
    this.survivor = survivor;
    this.absorbed = absorbed;
    this.snapshot = snapshot;
  }

  Future<Void> run() {
    Long[] both = {survivor, absorbed};
    return MergeService.all(tx, MergeSql.SUBTRACT, Tuple.of((Object) both))
        .compose(v -> restoreSurvivor())
        .compose(v -> restoreAbsorbed())
        .compose(v -> moveBack())
        .compose(v -> confirmations())
        .compose(v -> MergeService.all(tx, MergeSql.ADD, Tuple.of((Object) both)))
        .compose(v -> exec("UPDATE gov.metric SET value = value + 1 WHERE name = 'persons_total'"));
  }

  /** A's fields as they were before B filled them (its bidx first freed by clearing B's copy). */
  private Future<Void> restoreSurvivor() {
    JsonObject a = snapshot.getJsonObject("survivor");
    return exec("UPDATE grid.person SET id_number_bidx = NULL, phone_bidx = NULL WHERE id = $1", survivor)
        .compose(v -> exec("""
            UPDATE grid.person SET id_number_enc = $2, id_number_bidx = $3, id_number_mask = $4, birth_date = $5,
              phone_enc = $6, phone_bidx = $7, phone_mask = $8, ethnicity = $9, registered_region = $10,
              care_flags = $11::text[], fresh_until = $12, updated_at = now()
            WHERE id = $1""", survivor, bytes(a.getString("id_number_enc")), a.getString("id_number_bidx"),
            a.getString("id_number_mask"), date(a.getString("birth_date")), bytes(a.getString("phone_enc")), a.getString("phone_bidx"),
            a.getString("phone_mask"), a.getString("ethnicity"), a.getString("registered_region"),
            a.getJsonArray("care_flags", new JsonArray()).stream().map(String::valueOf).toArray(String[]::new),
            date(a.getString("fresh_until"))));
  }

  private Future<Void> restoreAbsorbed() {
    JsonObject b = snapshot.getJsonObject("absorbed");
    return exec("""
        UPDATE grid.person SET merged_into = NULL, id_number_bidx = $2, phone_bidx = $3, fresh_until = $4, updated_at = now()
        WHERE id = $1""", absorbed, b.getString("id_number_bidx"), b.getString("phone_bidx"), date(b.getString("fresh_until")));
  }

  private Future<Void> moveBack() {
    List<Future<Void>> steps = new ArrayList<>();
    Long[] residences = longs(MergeService.array(snapshot, "residences"));
    steps.add(exec("UPDATE grid.residence SET person_id = $2 WHERE id = ANY($1)", residences, absorbed));
    Long[] heads = longs(MergeService.array(snapshot, "headOf"));
    steps.add(exec("UPDATE grid.household SET head_person_id = $2 WHERE id = ANY($1)", heads, absorbed));
    for (Object o : MergeService.array(snapshot, "households")) {
      JsonObject h = (JsonObject) o;
      steps.add(exec("INSERT INTO grid.household_member (household_id, person_id, relation) VALUES ($1, $2, $3)"
          + " ON CONFLICT DO NOTHING", h.getLong("h"), absorbed, h.getString("r")));
      if (!MergeService.array(snapshot, "survivorHouseholds").contains(h.getLong("h"))) {
        steps.add(exec("DELETE FROM grid.household_member WHERE household_id = $1 AND person_id = $2", h.getLong("h"), survivor));
      }
    }
    for (Object o : MergeService.array(snapshot, "enterprises")) {
      steps.add(enterpriseBack((JsonObject) o));
    }
    JsonArray rows = MergeService.array(snapshot, "rows");
    for (Object o : rows) {
      JsonArray key = (JsonArray) o;
      steps.add(exec("UPDATE gov.row SET person_id = $3 WHERE batch_id = $1 AND row_no = $2", key.getLong(0), key.getInteger(1), absorbed));
    }
    steps.add(exec("UPDATE gov.issue SET person_id = $2 WHERE id = ANY($1)", longs(MergeService.array(snapshot, "issues")), absorbed));
    return Future.all(steps).mapEmpty();
  }

  private Future<Void> enterpriseBack(JsonObject pe) {
    Future<Void> back = exec("""
        INSERT INTO grid.person_enterprise (person_id, enterprise_id, relation, share_pct, title, since, until, source)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING""", absorbed, pe.getLong("enterprise_id"),
        pe.getString("relation"), pe.getValue("share_pct") == null ? null : new java.math.BigDecimal(pe.getValue("share_pct").toString()),
        pe.getString("title"), date(pe.getString("since")), date(pe.getString("until")), pe.getString("source"));
    boolean survivorHad = MergeService.array(snapshot, "survivorEnterprises").stream()
        .anyMatch(k -> ((JsonArray) k).getLong(0).equals(pe.getLong("enterprise_id")) && ((JsonArray) k).getString(1).equals(pe.getString("relation")));
    return survivorHad ? back : back.compose(v -> exec(
        "DELETE FROM grid.person_enterprise WHERE person_id = $1 AND enterprise_id = $2 AND relation = $3",
        survivor, pe.getLong("enterprise_id"), pe.getString("relation")));
  }

  /** B gets its confirmations back; A loses those it only had through B. */
  private Future<Void> confirmations() {
    List<Future<Void>> steps = new ArrayList<>();
    List<String> aSources = MergeService.array(snapshot, "survivorConfirmations").stream()
        .map(o -> ((JsonObject) o).getString("s")).toList();
    for (Object o : MergeService.array(snapshot, "confirmations")) {
      JsonObject c = (JsonObject) o;
      steps.add(exec("INSERT INTO gov.confirmation (person_id, source, last_day) VALUES ($1, $2, $3)"
          + " ON CONFLICT (person_id, source) DO UPDATE SET last_day = excluded.last_day", absorbed, c.getString("s"), date(c.getString("d"))));
      if (!aSources.contains(c.getString("s"))) {
        steps.add(exec("DELETE FROM gov.confirmation WHERE person_id = $1 AND source = $2", survivor, c.getString("s")));
      }
    }
    return Future.all(steps).mapEmpty();
  }

  private Future<Void> exec(String sql, Object... params) {
    Tuple t = Tuple.tuple();
    for (Object p : params) {
      t.addValue(p);
    }
    return tx.preparedQuery(sql).execute(t).mapEmpty();
  }

  private static java.time.LocalDate date(String iso) {
    return iso == null ? null : java.time.LocalDate.parse(iso.substring(0, 10));
  }

  private static Long[] longs(JsonArray a) {
    return a.stream().map(o -> ((Number) o).longValue()).toArray(Long[]::new);
  }

  private static io.vertx.core.buffer.Buffer bytes(String base64) {
    return base64 == null ? null : io.vertx.core.buffer.Buffer.buffer(Base64.getMimeDecoder().decode(base64));
  }
}
