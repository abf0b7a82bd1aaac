package cn.citygrid.backend.sync;

import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.standard.CityDay;
import cn.citygrid.backend.standard.Phones;
import cn.citygrid.forms.mapping.CareFlagFact;
import cn.citygrid.forms.mapping.CheckInFact;
import cn.citygrid.forms.mapping.DomainFact;
import cn.citygrid.forms.mapping.EventFact;
import cn.citygrid.forms.mapping.InspectionFact;
import cn.citygrid.forms.mapping.MappingEngine;
import cn.citygrid.forms.mapping.PersonRef;
import cn.citygrid.forms.mapping.PhoneFact;
import cn.citygrid.forms.mapping.ResidenceFact;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns accepted field records into the domain, each exactly once: a household visit into
 * residences, care flags and phones of the person–house grid (source {@code field_visit}, the
 * signed record as provenance), an event report into an event, an inspection onto its target, a
 * check-in onto the map; and the worker's open task for that house or place is done. Records wait
 * in {@code sync.projection_queue} (filled by the statement that stores the record, ADR 0038); one
 * transaction per record projects it and takes it off the queue. A record that cannot be projected is kept with the reason.
 * Parsing, mapping, and sealing and indexing the personal values a record brings (SM4, HMAC-SM3) run on
 * a worker thread before the transaction; the event loop only talks to the database.
 */
public final class Projector {
  private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
  static final int BATCH = 100;

  private final Vertx vertx;
  private final Pool pool;
  private final FormVersions forms;
  private final DataKeysConfig keys;
  private final WorkerExecutor workers;
  private final MappingEngine engine = new MappingEngine();
  private final io.vertx.core.Context context;
  private boolean running;
  private boolean again;
  /** Set by {@link #stop}: whatever fails from then on leaves its record queued for the next start. */
  private volatile boolean stopping;

  public Projector(Vertx vertx, Pool pool, FormVersions forms, DataKeysConfig keys, WorkerExecutor workers) {
    this.vertx = vertx;
    this.pool = pool;
    this.forms = forms;
    this.keys = keys;
    this.workers = workers;
    this.context = vertx.getOrCreateContext();
  }

  public void start(long everyMillis) {
    vertx.setPeriodic(everyMillis, id -> nudge());
    nudge();
  }

  /**
   * Before the pool and workers close: no new run starts, and a record whose projection fails from now on stays
   * queued instead of being set aside with a problem that is the shutdown's, not the record's.
   */
  public void stop() {
    stopping = true;
  }

  /** Projects what is queued, now (coalesced: one run at a time, another right after if nudged meanwhile). */
  public void nudge() {
    context.runOnContext(v -> {
      if (stopping) {
        return;
      }
      if (running) {
        again = true;
        return;
      }
      running = true;
      again = false;
      drain().onComplete(done -> {
        if (done.failed() && !stopping) {
          LOG.warn("projecting field records failed; will try again", done.cause());
        }
        running = false;
        if (again) {
          nudge();
        }
      });
    });
  }

  /** Projects queued records until the queue is empty; completes with how many were projected. */
  public Future<Integer> drain() {
    return runOnce().compose(n -> n < BATCH ? Future.succeededFuture(n) : drain().map(m -> n + m));
  }

  private Future<Integer> runOnce() {
    return pool.preparedQuery("""
            SELECT q.seq, r.id, r.account_id, r.captured_at, r.form_id, r.form_version, r.canonical
            FROM sync.projection_queue q JOIN ledger.record r ON r.id = q.record_id ORDER BY q.seq LIMIT $1""")
        .execute(Tuple.of(BATCH))
        .compose(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          Future<Integer> chain = Future.succeededFuture(0);
          for (Row r : list) {
            chain = chain.compose(n -> project(r).map(n + 1));
          }
          return chain;
        });
  }

  /** A record ready to apply: its envelope, the facts its form's mapping finds, and their personal values sealed. */
  private record Mapped(RecordEnvelope envelope, List<DomainFact> facts, Map<String, SealedValue> sealed) {}

  /** One record: facts from its form's mapping (on a worker), applied in one transaction. */
  private Future<Void> project(Row row) {
    String recordId = row.getString("id");
    long seq = row.getLong("seq");
    long account = row.getLong("account_id");
    Instant capturedAt = row.getOffsetDateTime("captured_at").toInstant();
    Buffer canonical = row.getBuffer("canonical");
    return forms.definition(row.getString("form_id"), row.getString("form_version"))
        .compose(def -> workers.executeBlocking(() -> map(def, canonical), false))
        .compose(m -> pool.withTransaction(c -> dequeue(c, seq).compose(mine -> !mine ? Future.succeededFuture()
            : apply(c, recordId, account, capturedAt, m).compose(v -> done(c, recordId, m.facts().size(), null)))))
        .recover(e -> {
          if (stopping || isTransient(e)) {
            // Left in the queue: the next round tries again (a deadlock, a lost connection, a race with another node).
            return Future.failedFuture(e);
          }
          LOG.warn("record {} could not be projected", recordId, e);
          return pool.withTransaction(c -> dequeue(c, seq).compose(mine -> mine
              ? done(c, recordId, 0, e.getMessage() == null ? e.toString() : e.getMessage()) : Future.succeededFuture()));
        });
  }

  /**
   * Failures that say nothing about the record: serialization failures and deadlocks (class 40),
   * connection trouble (08, 57P01 shutdown), a unique-key race with another node (23505), and a pool
   * or connection closing under us. Everything else is the record's own problem and is kept with it.
   */
  static boolean isTransient(Throwable e) {
    if (e instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null) {
      String state = pg.getSqlState();
      return state.startsWith("40") || state.startsWith("08") || state.equals("57P01") || state.equals("23505");
    }
    String message = String.valueOf(e.getMessage());
    return message.contains("Pool closed") || message.contains("Connection is not active");
  }

  /** Takes the record off the queue; false when another node already did. */
  private static Future<Boolean> dequeue(SqlConnection c, long seq) {
    return c.preparedQuery("DELETE FROM sync.projection_queue WHERE seq = $1").execute(Tuple.of(seq))
        .map(r -> r.rowCount() == 1);
  }

  private static Future<Void> done(SqlConnection c, String recordId, int facts, String problem) {
    return c.preparedQuery("INSERT INTO sync.projection (record_id, facts, problem) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(recordId, facts, problem)).mapEmpty();
  }

  /** Worker thread: parses the record, maps it, and seals and indexes every ID number and phone it brings. */
  private Mapped map(Optional<FormDefinition> def, Buffer canonical) {
    RecordEnvelope envelope = RecordEnvelope.parse(new String(canonical.getBytes(), StandardCharsets.UTF_8));
    List<DomainFact> facts = def.flatMap(FormVersions::mapping).map(m -> engine.facts(m, envelope.payload()))
        .orElse(List.of());
    Map<String, SealedValue> sealed = new HashMap<>();
    for (DomainFact fact : facts) {
      PersonRef ref = fact instanceof ResidenceFact r ? r.person() : fact instanceof CareFlagFact f ? f.person()
          : fact instanceof PhoneFact f ? f.person() : null;
      if (ref instanceof PersonRef.NewPerson fresh && fresh.idNumber() != null) {
        String id = fresh.idNumber().toUpperCase();
        if (CitizenId.isValid(id)) {
          sealed.put(id, SealedValue.idNumber(keys, id));
        }
      }
      if (fact instanceof PhoneFact f && Phones.isMobile(f.phone())) {
        sealed.put(f.phone(), SealedValue.phone(keys, f.phone()));
      }
    }
    return new Mapped(envelope, facts, sealed);
  }

  private Future<Void> apply(SqlConnection c, String recordId, long account, Instant at, Mapped m) {
    List<DomainFact> facts = m.facts();
    RecordEnvelope e = m.envelope();
    Future<Void> chain = inAuthorsGrids(c, account, facts);
    String[] target = new String[1];
    for (DomainFact fact : facts) {
      if (fact instanceof ResidenceFact r) {
        target[0] = r.houseId();
      } else if (fact instanceof InspectionFact i) {
        target[0] = i.targetId();
      }
      chain = chain.compose(v -> applyFact(c, fact, recordId, account, at, m));
    }
    // The worker's open task for this form at this house or place is done by this record.
    return chain.compose(v -> target[0] == null ? Future.succeededFuture() : exec(c, """
        UPDATE sync.task SET status = 'done', done_record_id = $1, updated_at = now()
        WHERE assignee_id = $2 AND status = 'open' AND form_id = $3 AND (house_id::text = $4 OR place_id::text = $4)""",
        recordId, account, e.form().id(), target[0]));
  }

  /**
   * A record changes only what lies in its author's grids: the houses, places and enterprises it
   * names, and the existing persons it names by record id (they must live there; a person from
   * elsewhere is added by name and ID number). Otherwise the record stays stored and signed, and its
   * projection problem says what was outside.
   */
  private static Future<Void> inAuthorsGrids(SqlConnection c, long account, List<DomainFact> facts) {
    List<String> houses = new ArrayList<>();
    List<String> places = new ArrayList<>();
    List<String> enterprises = new ArrayList<>();
    List<String> persons = new ArrayList<>();
    for (DomainFact fact : facts) {
      PersonRef ref = null;
      if (fact instanceof ResidenceFact r) {
        houses.add(r.houseId());
        ref = r.person();
      } else if (fact instanceof CareFlagFact f) {
        ref = f.person();
      } else if (fact instanceof PhoneFact f) {
        ref = f.person();
      } else if (fact instanceof InspectionFact i) {
        (switch (i.targetType()) {
          case "house" -> houses;
          case "place" -> places;
          default -> enterprises;
        }).add(i.targetId());
      }
      if (ref instanceof PersonRef.Existing existing) {
        persons.add(existing.personId());
      }
    }
    if (houses.isEmpty() && places.isEmpty() && enterprises.isEmpty() && persons.isEmpty()) {
      return Future.succeededFuture();
    }
    return c.preparedQuery("""
        WITH scope AS (SELECT node_code || '%' AS prefix FROM auth.account_scope WHERE account_id = $1)
        SELECT concat_ws('; ',
          'houses ' || (SELECT string_agg(x, ',') FROM unnest($2::text[]) x WHERE NOT EXISTS (SELECT 1 FROM grid.house h
            JOIN scope ON h.grid_code LIKE scope.prefix WHERE h.id::text = x)),
          'places ' || (SELECT string_agg(x, ',') FROM unnest($3::text[]) x WHERE NOT EXISTS (SELECT 1 FROM grid.place pl
            JOIN scope ON pl.grid_code LIKE scope.prefix WHERE pl.id::text = x)),
          'enterprises ' || (SELECT string_agg(x, ',') FROM unnest($4::text[]) x WHERE NOT EXISTS (SELECT 1
            FROM grid.enterprise en JOIN scope ON en.grid_code LIKE scope.prefix WHERE en.credit_code = x)),
          'persons ' || (SELECT string_agg(x, ',') FROM unnest($5::text[]) x WHERE NOT EXISTS (SELECT 1
            FROM grid.residence r JOIN grid.house h ON h.id = r.house_id JOIN scope ON h.grid_code LIKE scope.prefix
            WHERE r.person_id::text = x AND r.until IS NULL))) AS outside""")
        .execute(Tuple.of(account, houses.toArray(String[]::new), places.toArray(String[]::new),
            enterprises.toArray(String[]::new), persons.toArray(String[]::new)))
        .map(rows -> {
          String outside = rows.iterator().next().getString("outside");
          if (outside != null && !outside.isEmpty()) {
            throw new IllegalArgumentException("outside the author's grids: " + outside);
          }
          return null;
        });
  }

  private Future<Void> applyFact(SqlConnection c, DomainFact fact, String recordId, long account, Instant at, Mapped m) {
    RecordEnvelope e = m.envelope();
    if (fact instanceof ResidenceFact r) {
      return person(c, r.person(), recordId, at, m).compose(p -> residence(c, p, r, at));
    }
    if (fact instanceof CareFlagFact f) {
      return person(c, f.person(), recordId, at, m).compose(p -> exec(c, """
          UPDATE grid.person SET care_flags = (SELECT array_agg(DISTINCT f ORDER BY f) FROM unnest(care_flags || ARRAY[$2]) f),
            updated_at = now() WHERE id = $1""", p, f.flag()));
    }
    if (fact instanceof PhoneFact f) {
      SealedValue phone = m.sealed().get(f.phone());
      return phone != null
          ? person(c, f.person(), recordId, at, m).compose(p -> phone(c, p, f.phone(), phone, recordId, at))
          : Future.succeededFuture();
    }
    if (fact instanceof EventFact ev) {
      return exec(c, """
          INSERT INTO grid.event (record_id, category, description, urgency, grid_code, geom, attachments, reported_by, reported_at)
          SELECT $1, $2, $3, $4, (SELECT g.code FROM grid.unit_grid g WHERE ST_Intersects(g.geom, pt) ORDER BY g.code LIMIT 1),
                 pt, $7, $8, $9
          FROM (SELECT ST_SetSRID(ST_MakePoint($5, $6), 4490) AS pt) x ON CONFLICT (record_id) DO NOTHING""",
          recordId, ev.category(), ev.description(), ev.urgency(), ev.lon(), ev.lat(), sm3sOf(e, ev.attachmentNames()),
          account, at.atOffset(ZoneOffset.UTC));
    }
    if (fact instanceof InspectionFact i) {
      return exec(c, """
          INSERT INTO grid.inspection (record_id, target_kind, target_id, result, deadline, items, grid_code, inspected_by, inspected_at)
          VALUES ($1, $2, $3, $4, $5, $6::jsonb, CASE $2
              WHEN 'house' THEN (SELECT grid_code FROM grid.house WHERE id::text = $3)
              WHEN 'place' THEN (SELECT grid_code FROM grid.place WHERE id::text = $3)
              ELSE (SELECT grid_code FROM grid.enterprise WHERE credit_code = $3) END, $7, $8)
          ON CONFLICT (record_id) DO NOTHING""",
          recordId, i.targetType(), i.targetId(), i.result(), i.deadline(), Json.write(i.items()), account,
          at.atOffset(ZoneOffset.UTC));
    }
    CheckInFact k = (CheckInFact) fact;
    return exec(c, """
        INSERT INTO grid.check_in (record_id, place_code, account_id, grid_code, geom, at)
        SELECT $1, $2, $3, (SELECT g.code FROM grid.unit_grid g WHERE ST_Intersects(g.geom, pt) ORDER BY g.code LIMIT 1), pt, $6
        FROM (SELECT ST_SetSRID(ST_MakePoint($4, $5), 4490) AS pt) x ON CONFLICT (record_id) DO NOTHING""",
        recordId, k.placeCode(), account, k.lon(), k.lat(), at.atOffset(ZoneOffset.UTC));
  }

  private static String[] sm3sOf(RecordEnvelope e, List<String> names) {
    return e.attachments().stream().filter(a -> names.contains(a.name())).map(AttachmentRef::sm3).toArray(String[]::new);
  }

  /** The golden person a fact is about: the one named (or what it was merged into), or found or created from name and ID number. */
  private static Future<Long> person(SqlConnection c, PersonRef ref, String recordId, Instant at, Mapped m) {
    if (ref instanceof PersonRef.Existing existing) {
      return c.preparedQuery("SELECT coalesce(merged_into, id) FROM grid.person WHERE id = $1::bigint")
          .execute(Tuple.of(Long.parseLong(existing.personId())))
          .map(rows -> {
            if (rows.size() == 0) {
              throw new IllegalArgumentException("no person " + existing.personId());
            }
            return rows.iterator().next().getLong(0);
          });
    }
    PersonRef.NewPerson fresh = (PersonRef.NewPerson) ref;
    String id = fresh.idNumber() == null ? null : fresh.idNumber().toUpperCase();
    SealedValue sealed = id == null ? null : m.sealed().get(id);
    boolean valid = sealed != null;
    Future<Optional<Long>> known = !valid ? Future.succeededFuture(Optional.empty())
        : c.preparedQuery("SELECT coalesce(merged_into, id) FROM grid.person WHERE id_number_bidx = $1")
            .execute(Tuple.of(sealed.bidx()))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
    return known.compose(found -> found.isPresent() ? Future.succeededFuture(found.get()) : c.preparedQuery("""
            INSERT INTO grid.person (name, gender, birth_date, id_number_enc, id_number_bidx, id_number_mask, provenance)
            VALUES ($1, $2, $3, $4, $5, $6, jsonb_build_object('name', jsonb_build_object('s', 'field_visit', 'rec', $7::text,
              't', 95, 'at', $8::timestamptz, 'v', true))) RETURNING id""")
        .execute(Tuple.from(new Object[] {fresh.name(), valid ? CitizenId.genderCode(id) : "0",
            valid ? CitizenId.birthDate(id).orElse(null) : null,
            valid ? sealed.enc() : null, valid ? sealed.bidx() : null, valid ? sealed.mask() : null, recordId,
            at.atOffset(ZoneOffset.UTC)}))
        .map(rows -> rows.iterator().next().getLong(0)));
  }

  /** Lives here (opened, or its kind corrected) or moved out (closed on the visit's day); confirmed by the visit. */
  private static Future<Void> residence(SqlConnection c, long person, ResidenceFact r, Instant at) {
    LocalDate day = CityDay.of(at);
    long house = Long.parseLong(r.houseId());
    Future<Void> change = r.movedOut()
        ? exec(c, "UPDATE grid.residence SET until = greatest(coalesce(since, $3), $3) WHERE person_id = $1 AND house_id = $2 AND until IS NULL",
            person, house, day)
        : exec(c, """
            WITH open AS (UPDATE grid.residence SET kind = $3 WHERE person_id = $1 AND house_id = $2 AND until IS NULL
                          AND kind <> $3 RETURNING id)
            INSERT INTO grid.residence (person_id, house_id, kind, since, source)
            SELECT $1, $2, $3, $4, 'field_visit' WHERE NOT EXISTS (SELECT 1 FROM grid.residence
              WHERE person_id = $1 AND house_id = $2 AND until IS NULL)""", person, house, r.kind(), day);
    return change.compose(v -> exec(c, """
        INSERT INTO gov.confirmation (person_id, source, last_day) VALUES ($1, 'field_visit', $2)
        ON CONFLICT (person_id, source) DO UPDATE SET last_day = greatest(gov.confirmation.last_day, excluded.last_day)""",
        person, day));
  }

  /** A phone seen on a visit survives by the governance rule (trust, then a signed visit, then recency). */
  private static Future<Void> phone(SqlConnection c, long person, String phone, SealedValue sealed, String recordId,
      Instant at) {
    return exec(c, """
        UPDATE grid.person SET phone_enc = $2, phone_bidx = $3, phone_mask = $4, updated_at = now(),
          provenance = jsonb_set(gov.prov(provenance, 'phone', true, 'field_visit', NULL, NULL, 95, $6, true),
                                 '{phone,rec}', to_jsonb($5::text))
        WHERE id = $1 AND gov.wins(provenance, 'phone', $7, 95, $6, true)""",
        person, sealed.enc(), sealed.bidx(), sealed.mask(), recordId, at.atOffset(ZoneOffset.UTC), phone);
  }

  private static Future<Void> exec(SqlConnection c, String sql, Object... params) {
    return c.preparedQuery(sql).execute(Tuple.from(params)).mapEmpty();
  }
}
