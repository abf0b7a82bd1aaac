package cn.citygrid.backend.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tamper audit as a scheduled job: the ledger leader re-audits the whole log every interval;
 * {@code citygrid_ledger_audit_problems} shows what the last run found (-1 before the first).
 */
public final class AuditSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(AuditSchedule.class);

  private AuditSchedule() {}

  public static long start(Vertx vertx, LedgerAudit audit, LedgerAppender appender, Duration interval, MeterRegistry metrics) {
    AtomicLong problems = metrics.gauge("citygrid.ledger.audit.problems", new AtomicLong(-1));
    return vertx.setPeriodic(interval.toMillis(), id -> {
      if (!appender.leader()) {
        return;
      }
      audit.run().onSuccess(report -> {
        problems.set(report.findings().size());
        if (report.clean()) {
          LOG.info("ledger audit: {} leaves, {} checkpoints, intact", report.leaves(), report.checkpoints());
        } else {
          LOG.error("ledger audit found {} problem(s):\n{}", report.findings().size(), report.format());
        }
      }).onFailure(e -> LOG.error("ledger audit could not run", e));
    });
  }
}
