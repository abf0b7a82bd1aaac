package cn.citygrid.backend.ledger;

import java.time.Duration;

/** How the log seals: its origin (also the checkpoint key name), batch size and interval, audit cadence. */
public record LedgerConfig(String origin, int batchMax, Duration batchInterval, Duration auditInterval) {}
