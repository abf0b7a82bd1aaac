package cn.citygrid.backend.governance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A new data key: old values stay readable, the background pass re-seals them all, lookups keep working. */
class KeyRotationIT {
  @Test
  void afterRotation_everyValueIsResealedUnderTheNewKey_whileTheOldOnesStayReadable() throws Exception {
    try (TestDatabase db = TestDatabase.create(KeyRotationIT.class)) {
      TestApp.seedDemo(db, 400);
      byte[] fresh = new byte[16];
      new SecureRandom().nextBytes(fresh);
      String rotated = db.dataKeys() + ",t2:" + Base64.getEncoder().encodeToString(fresh);
      try (TestApp app = TestApp.start(db, Map.of(ConfigKey.DATA_KEYS, rotated, ConfigKey.DATA_ACTIVE_KEY, "t2"))) {
        String admin = app.login("admin", "Demo@2026");
        long person = Long.parseLong(scalar(db, "SELECT id FROM grid.person WHERE phone_enc IS NOT NULL ORDER BY id LIMIT 1"));
        JsonObject before = app.http().get("/api/v1/persons/by-id/" + person + "?purpose=data-correction", admin).json();
        assertThat(staleCount(db, "t2")).isPositive();

        long resealed = new KeyRotation(app.app().database().pool(), TestApp.config(db, Map.of(ConfigKey.DATA_KEYS, rotated,
                ConfigKey.DATA_ACTIVE_KEY, "t2")).dataKeys(), app.app().vertx().createSharedWorkerExecutor("rotation"),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
            .pass().toCompletionStage().toCompletableFuture().get();

        assertThat(resealed).isEqualTo(Long.parseLong(scalar(db, "SELECT count(*) FROM grid.person")));
        assertThat(staleCount(db, "t2")).isZero();
        JsonObject after = app.http().get("/api/v1/persons/by-id/" + person + "?purpose=data-correction", admin).json();
        assertThat(after.getJsonObject("person").getString("idNumber")).isEqualTo(before.getJsonObject("person").getString("idNumber"));
        assertThat(app.http().get("/api/v1/persons/" + after.getJsonObject("person").getString("idNumber"), admin).status())
            .as("the blind index does not change with the key").isEqualTo(200);
      }
    }
  }

  static long staleCount(TestDatabase db, String active) throws Exception {
    return Long.parseLong(scalar(db, "SELECT count(*) FROM grid.person WHERE "
        + String.format(KeyRotation.KEY_OF, "id_number_enc") + " <> '" + active + "'"));
  }

  static String scalar(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
