package cn.citygrid.backend.portrait;

import cn.citygrid.backend.access.AccessEntry;
import cn.citygrid.backend.access.AccessLog;
import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.standard.CityDay;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enterprise portraits by unified social credit code: registration, address and grid with the
 * provenance of each registered fact (source, batch, row, trust, time), the people in it (names masked
 * unless disclosed), employee count, inspections, and risk tags derived from those facts. Registration data is public; the people in it are personal data, so reads are logged.
 */
public final class EnterprisePortraits {
  static final String SQL = """
      SELECT e.id, e.credit_code, e.name, e.kind, e.industry, e.registered_at, e.registered_capital, e.status, e.address,
        e.grid_code, g.name AS grid_name, ST_X(e.geom) AS lon, ST_Y(e.geom) AS lat, e.provenance::text AS provenance,
        (SELECT json_agg(json_build_object('personId', p.id, 'name', p.name, 'idNumber', p.id_number_mask,
                'relation', pe.relation, 'sharePct', pe.share_pct, 'title', pe.title, 'since', pe.since, 'source', pe.source,
                'otherLegalRoles', (SELECT count(*) FROM grid.person_enterprise o WHERE o.person_id = p.id
                                    AND o.relation = 'legal_representative' AND o.enterprise_id <> e.id),
                'inScope', (TRUE\s""" + PortraitSql.PERSON_SCOPE.replace("$3", "$4").replace("$2", "$3") + """
                ))
                ORDER BY pe.relation, pe.share_pct DESC NULLS LAST, p.id)
         FROM grid.person_enterprise pe JOIN grid.person p ON p.id = pe.person_id
         WHERE pe.enterprise_id = e.id AND pe.relation <> 'employee')::text AS people,
        (SELECT count(*) FROM grid.person_enterprise pe WHERE pe.enterprise_id = e.id AND pe.relation = 'employee') AS employees,
        (SELECT json_agg(json_build_object('recordId', r.id, 'form', r.form_id, 'capturedAt', r.captured_at) ORDER BY r.captured_at DESC)
         FROM ledger.record r WHERE r.payload ->> 'creditCode' = e.credit_code)::text AS inspections,
        (SELECT count(*) FROM gov.issue i JOIN gov.row w ON w.batch_id = i.batch_id AND w.row_no = i.row_no
         WHERE w.enterprise_id = e.id AND i.status = 'open') AS open_issues
      FROM grid.enterprise e LEFT JOIN grid.unit_grid g ON g.code = e.grid_code
      WHERE e.credit_code = $1 AND ($2::text[] IS NULL OR e.grid_code LIKE ANY ($2))""";

  private final Pool pool;
  private final AccessLog accessLog;
  private final PersonPortraits persons;
  private final Clock clock;

  public EnterprisePortraits(Pool pool, AccessLog accessLog, PersonPortraits persons, Clock clock) {
    this.pool = pool;
    this.accessLog = accessLog;
    this.persons = persons;
    this.clock = clock;
  }

  /**
   * Registration data is public to every role that may read portraits: the enterprise is scoped by
   * its grid ($2, none for administrators and stewards). The people in it are personal data: a name
   * is shown only to whom the purpose discloses names and who may see that person ($3, $4: the
   * person portrait's scope), and masked to anyone else.
   */
  public Future<JsonObject> byCreditCode(Principal caller, String creditCode, Purpose purpose, String requestId) {
    String[] scope = caller.has(Role.ADMIN) || caller.has(Role.DATA_STEWARD) ? null
        : caller.scope().stream().map(p -> p + "%").toArray(String[]::new);
    PersonPortraits.Scope personScope = PersonPortraits.Scope.of(caller);
    return pool.preparedQuery(SQL).execute(Tuple.of(creditCode, scope, personScope.prefixes(), personScope.department()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(DomainException.notFound(Text.of("企业不存在或不在管辖范围内", "No such enterprise in your scope")));
          }
          Row row = rows.iterator().next();
          Set<Disclosure.Field> clear = Disclosure.clear(caller, purpose);
          JsonObject portrait = json(row, clear.contains(Disclosure.Field.NAME), purpose);
          // the people it lists are read too: their reads show in their own data-access list
          Map<Long, Set<Disclosure.Field>> people = new LinkedHashMap<>();
          for (String group : List.of("shareholders", "executives")) {
            portrait.getJsonArray(group).forEach(p -> shown(people, (JsonObject) p));
          }
          if (portrait.getJsonObject("legalRepresentative") != null) {
            shown(people, portrait.getJsonObject("legalRepresentative"));
          }
          return Future.all(accessLog.record(AccessEntry.read(clock, caller, "enterprise", row.getLong("id"), purpose.code(),
                  "portrait", Disclosure.names(clear), requestId)),
                  persons.logReads(caller, people, purpose, "enterprise-portrait", requestId))
              .map(portrait);
        });
  }

  /** A person listed, with what the portrait shows of them in clear. */
  private static void shown(Map<Long, Set<Disclosure.Field>> people, JsonObject p) {
    Set<Disclosure.Field> clear = p.getBoolean("nameClear", false) ? Set.of(Disclosure.Field.NAME) : Set.of();
    people.merge(p.getLong("personId"), clear, (a, b) -> a.isEmpty() ? b : a);
  }

  /** {@code names}: whether the purpose discloses names; each person's also needs them in the caller's scope. */
  private static JsonObject json(Row row, boolean names, Purpose purpose) {
    JsonArray people = row.getString("people") == null ? new JsonArray() : new JsonArray(row.getString("people"));
    people.forEach(o -> {
      JsonObject p = (JsonObject) o;
      boolean clear = names && Boolean.TRUE.equals(p.remove("inScope"));
      p.put("nameClear", clear);
      if (!clear) {
        p.put("name", Disclosure.maskName(p.getString("name")));
      }
    });
    LocalDate registered = row.getLocalDate("registered_at");
    JsonObject enterprise = new JsonObject().put("id", row.getLong("id")).put("creditCode", row.getString("credit_code"))
        .put("name", row.getString("name")).put("kind", row.getString("kind")).put("industry", row.getString("industry"))
        .put("registeredAt", registered == null ? null : registered.toString())
        .put("registeredCapital", row.getBigDecimal("registered_capital") == null ? null : row.getBigDecimal("registered_capital").toPlainString())
        .put("status", row.getString("status")).put("address", row.getString("address"))
        .put("gridCode", row.getString("grid_code")).put("gridName", row.getString("grid_name"))
        .put("lon", row.getDouble("lon")).put("lat", row.getDouble("lat")).put("coordinates", "CGCS2000");
    long employees = row.getLong("employees");
    return new JsonObject().put("enterprise", enterprise)
        .put("legalRepresentative", people.stream().map(JsonObject.class::cast)
            .filter(p -> "legal_representative".equals(p.getString("relation"))).findFirst().orElse(null))
        .put("shareholders", filter(people, "shareholder")).put("executives", filter(people, "executive"))
        .put("employeeCount", employees)
        .put("inspections", row.getString("inspections") == null ? new JsonArray() : new JsonArray(row.getString("inspections")))
        .put("riskTags", RiskTags.of(people, employees, row.getBigDecimal("registered_capital"), registered,
            row.getLong("open_issues"), CityDay.today()))
        .put("provenance", PersonPortraitJson.provenance(row.getString("provenance")))
        .put("disclosure", new JsonObject().put("purpose", purpose.code()).put("namesClear", names));
  }

  private static JsonArray filter(JsonArray people, String relation) {
    return new JsonArray(people.stream().map(JsonObject.class::cast).filter(p -> relation.equals(p.getString("relation"))).toList());
  }

  /** Risk tags from facts on file; each names its reason. */
  static final class RiskTags {
    private RiskTags() {}

    static JsonArray of(JsonArray people, long employees, BigDecimal capital, LocalDate registered, long openIssues,
        LocalDate today) {
      JsonArray tags = new JsonArray();
      people.stream().map(JsonObject.class::cast).filter(p -> "legal_representative".equals(p.getString("relation"))
          && p.getLong("otherLegalRoles", 0L) >= 3).findFirst().ifPresent(p -> tags.add(tag("multi-legal-rep",
          "法定代表人同时担任 " + p.getLong("otherLegalRoles") + " 家其他企业的法定代表人")));
      if (employees == 0) {
        tags.add(tag("no-employees", "无参保或登记在册的员工"));
      }
      if (registered != null && registered.isAfter(today.minusYears(1))) {
        tags.add(tag("newly-registered", "成立不足一年"));
      }
      if (capital != null && capital.compareTo(BigDecimal.valueOf(100_000)) < 0 && employees > 20) {
        tags.add(tag("thin-capital", "注册资本低于 10 万元而员工超过 20 人"));
      }
      if (openIssues > 0) {
        tags.add(tag("data-quality", "登记数据有 " + openIssues + " 个未解决的质量问题"));
      }
      return tags;
    }

    private static JsonObject tag(String code, String reason) {
      return new JsonObject().put("code", code).put("reason", reason);
    }
  }
}
