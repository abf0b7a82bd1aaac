package cn.citygrid.backend.sync;

import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.forms.mapping.Mapping;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.FormParseException;
import cn.citygrid.sync.protocol.crypto.Sm3;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Published form versions (immutable once published) and their parsed definitions. Parsing an
 * XForm costs milliseconds of JavaRosa work: done on the worker pool, once per version per process.
 */
public final class FormVersions {
  /** A published version as listed (without its XML). */
  public record Listed(String formId, String version, String title, String sm3, boolean builtin, Instant publishedAt,
      Instant retiredAt, List<String> audience) {}

  /** What publishing did. */
  public enum Published { PUBLISHED, UNCHANGED, CONFLICT }

  private final Pool pool;
  private final WorkerExecutor workers;
  private final Cache<String, Optional<FormDefinition>> parsed = Caffeine.newBuilder().maximumSize(500).build();

  public FormVersions(Pool pool, WorkerExecutor workers) {
    this.pool = pool;
    this.workers = workers;
  }

  /** Publishes the built-in forms this build carries (a no-op for versions already there). */
  public Future<Void> seedBuiltIns() {
    return workers.executeBlocking(() -> BuiltInForms.IDS.stream().map(BuiltInForms::form).toList(), false)
        .compose(forms -> Future.all(forms.stream().map(f -> store(f, null, true, null)).toList()))
        .mapEmpty();
  }

  /**
   * Parses and publishes an uploaded XForm for {@code audience} (region/grid code prefixes; null: the
   * whole city); a parse failure is a {@link FormParseException} (failed future). The same XML
   * published again for another audience widens the version's audience to both: published for them.
   */
  public Future<Published> publish(byte[] xml, long accountId, List<String> audience) {
    return workers.executeBlocking(() -> FormDefinition.parse(xml), false)
        .compose(form -> store(form, accountId, false, audience));
  }

  private Future<Published> store(FormDefinition form, Long accountId, boolean builtin, List<String> audience) {
    String xml = new String(form.xml(), StandardCharsets.UTF_8);
    String sm3 = Sm3.hex(form.xml());
    return pool.preparedQuery("""
            WITH ins AS (
              INSERT INTO sync.form_version (form_id, version, title, xform, sm3, builtin, published_by, audience)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING true AS fresh),
            widened AS (
              UPDATE sync.form_version f SET audience = CASE WHEN $8::text[] IS NULL THEN NULL
                  ELSE ARRAY(SELECT DISTINCT a FROM unnest(f.audience || $8::text[]) a ORDER BY a) END
              WHERE f.form_id = $1 AND f.version = $2 AND f.sm3 = $5 AND NOT EXISTS (SELECT 1 FROM ins)
                AND f.audience IS NOT NULL AND ($8::text[] IS NULL OR NOT f.audience @> $8::text[])
              RETURNING true AS fresh)
            SELECT coalesce((SELECT fresh FROM ins), (SELECT fresh FROM widened)) AS fresh,
                   (SELECT sm3 FROM sync.form_version WHERE form_id = $1 AND version = $2) AS stored""")
        .execute(Tuple.of(form.id(), form.version(), form.title(), xml, sm3, builtin, accountId)
            .addArrayOfString(audience == null ? null : audience.toArray(String[]::new)))
        .map(rows -> {
          Row r = rows.iterator().next();
          if (Boolean.TRUE.equals(r.getBoolean("fresh"))) {
            parsed.put(key(form.id(), form.version()), Optional.of(form));
            return Published.PUBLISHED;
          }
          return sm3.equals(r.getString("stored")) ? Published.UNCHANGED : Published.CONFLICT;
        });
  }

  /** The parsed definition of a version, or empty when no such version was ever published. */
  public Future<Optional<FormDefinition>> definition(String formId, String version) {
    Optional<FormDefinition> cached = parsed.getIfPresent(key(formId, version));
    if (cached != null && cached.isPresent()) {
      return Future.succeededFuture(cached);
    }
    return xml(formId, version).compose(xml -> xml.isEmpty() ? Future.succeededFuture(Optional.<FormDefinition>empty())
        : workers.executeBlocking(() -> {
          Optional<FormDefinition> def = Optional.of(FormDefinition.parse(xml.get().getBytes(StandardCharsets.UTF_8)));
          parsed.put(key(formId, version), def);
          return def;
        }, false));
  }

  /** The declared record → domain mapping of a version: the built-in one when it fits that version. */
  public static Optional<Mapping> mapping(FormDefinition form) {
    if (!BuiltInForms.IDS.contains(form.id())) {
      return Optional.empty();
    }
    Mapping mapping = BuiltInForms.mapping(form.id());
    return mapping.problemsWith(form).isEmpty() ? Optional.of(mapping) : Optional.empty();
  }

  public Future<Optional<String>> xml(String formId, String version) {
    return pool.preparedQuery("SELECT xform FROM sync.form_version WHERE form_id = $1 AND version = $2")
        .execute(Tuple.of(formId, version))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  /** The versions whose audience concerns a caller of {@code scope} (patterns {@code code%}; null: everywhere). */
  public Future<List<Listed>> list(String[] scope) {
    return pool.preparedQuery("""
            SELECT form_id, version, title, sm3, builtin, published_at, retired_at, audience FROM sync.form_version
            WHERE sync.reaches(audience, $1) ORDER BY form_id, published_at DESC, version DESC""")
        .execute(Tuple.of((Object) scope))
        .map(rows -> {
          List<Listed> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Listed(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
              r.getBoolean(4), r.getOffsetDateTime(5).toInstant(),
              r.getOffsetDateTime(6) == null ? null : r.getOffsetDateTime(6).toInstant(),
              r.getArrayOfStrings(7) == null ? null : List.of(r.getArrayOfStrings(7)))));
          return out;
        });
  }

  /** What retiring did. */
  public enum Retired { RETIRED, NOT_FOUND, NOT_YOURS }

  /**
   * Retires a version: phones stop receiving it; records already made with it stay valid. Only a
   * caller whose {@code scope} (patterns; null: everywhere) covers the version's whole audience may:
   * a version for the whole city, only an administrator.
   */
  public Future<Retired> retire(String formId, String version, String[] scope) {
    return pool.preparedQuery("""
            WITH target AS (
              SELECT audience FROM sync.form_version WHERE form_id = $1 AND version = $2 AND retired_at IS NULL),
            done AS (
              UPDATE sync.form_version f SET retired_at = now() FROM target t
              WHERE f.form_id = $1 AND f.version = $2 AND f.retired_at IS NULL AND ($3::text[] IS NULL
                OR (t.audience IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unnest(t.audience) a WHERE NOT a LIKE ANY ($3))))
              RETURNING 1)
            SELECT (SELECT count(*) FROM target), (SELECT count(*) FROM done)""")
        .execute(Tuple.of(formId, version, scope))
        .map(rows -> {
          Row r = rows.iterator().next();
          return r.getLong(0) == 0 ? Retired.NOT_FOUND : r.getLong(1) == 0 ? Retired.NOT_YOURS : Retired.RETIRED;
        });
  }

  private static String key(String formId, String version) {
    return formId + "@" + version;
  }
}
