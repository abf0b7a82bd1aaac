package cn.citygrid.backend.access;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The access log chains entries on its own context, but each reader carries on on the context it called from. */
class AccessLogIT {
  @Test
  void aRecordedEntry_completesOnTheCallersContext_afterItIsCommitted() throws Exception {
    try (TestDatabase db = TestDatabase.create(AccessLogIT.class)) {
      TestApp.seedDemo(db, 300);
      try (TestApp app = TestApp.start(db)) {
        Vertx vertx = app.app().vertx();
        AccessLog log = new AccessLog(vertx, app.app().database().pool());
        String person = db.scalar("SELECT min(id) FROM grid.person");
        String admin = db.scalar("SELECT id FROM auth.account WHERE username = 'admin'");
        // Another thread than the one that made the log: Vert.x gives each outside thread one sticky context.
        CompletableFuture<Context> made = new CompletableFuture<>();
        new Thread(() -> made.complete(vertx.getOrCreateContext())).start();
        Context reader = made.get(10, TimeUnit.SECONDS);
        CompletableFuture<Boolean> onReadersContext = new CompletableFuture<>();
        reader.runOnContext(v -> log.record(new AccessEntry(Instant.now(), Long.parseLong(admin), "admin", "ADMIN", "person",
                Long.parseLong(person), "case", "portrait", List.of(), "access-log-it"))
            .onComplete(done -> onReadersContext.complete(done.succeeded() && Vertx.currentContext() == reader)));

        assertThat(onReadersContext.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(db.scalar("SELECT count(*) FROM gov.access_log WHERE request_id = 'access-log-it'")).isEqualTo("1");
      }
    }
  }
}
