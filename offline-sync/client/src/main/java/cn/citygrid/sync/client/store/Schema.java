package cn.citygrid.sync.client.store;

import java.util.List;

/**
 * The device database, one migration per list entry; {@code PRAGMA user_version} counts the applied ones.
 * Times are Unix milliseconds (device clock) unless the column holds protocol text (ISO-8601 UTC).
 */
final class Schema {
    private Schema() {
    }

    static final List<String[]> MIGRATIONS = List.<String[]>of(new String[] {
        // Signed records waiting for, or holding, their acknowledgement. Rows are never deleted by sync.
        """
        CREATE TABLE outbox (
          record_id       TEXT PRIMARY KEY,
          client_id       TEXT NOT NULL UNIQUE,
          kind            TEXT NOT NULL CHECK (kind IN ('record', 'proposal')),
          form_id         TEXT NOT NULL,
          form_version    TEXT NOT NULL,
          captured_at     TEXT NOT NULL,
          envelope        TEXT NOT NULL,
          state           TEXT NOT NULL CHECK (state IN ('waiting', 'uploading', 'accepted', 'duplicate', 'rejected')),
          attempts        INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL DEFAULT 0,
          last_error      TEXT,
          problem         TEXT,
          received_at     TEXT,
          receipt         TEXT,
          receipt_state   TEXT NOT NULL DEFAULT 'none' CHECK (receipt_state IN ('none', 'pending', 'verified', 'invalid')),
          receipt_next_at INTEGER NOT NULL DEFAULT 0,
          flags           TEXT,
          corrects        TEXT,
          clock_offset_ms INTEGER,
          created_at      INTEGER NOT NULL
        )""",
        "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
        // Files beside records, content-addressed by SM3; the bytes live in <db>.attachments/<sm3>.
        """
        CREATE TABLE attachment (
          sm3        TEXT PRIMARY KEY,
          size       INTEGER NOT NULL,
          media_type TEXT NOT NULL,
          file       TEXT NOT NULL,
          state      TEXT NOT NULL CHECK (state IN ('pending', 'present', 'refused')),
          upload_id  TEXT,
          part_size  INTEGER,
          parts      TEXT NOT NULL DEFAULT '[]',
          last_error TEXT
        )""",
        """
        CREATE TABLE record_attachment (
          record_id TEXT NOT NULL REFERENCES outbox (record_id),
          name      TEXT NOT NULL,
          sm3       TEXT NOT NULL REFERENCES attachment (sm3),
          PRIMARY KEY (record_id, name)
        )""",
        "CREATE INDEX record_attachment_sm3 ON record_attachment (sm3)",
        // The pulled working set: one generic row per entity, replaced whole by upserts.
        """
        CREATE TABLE replica (
          entity     TEXT NOT NULL,
          id         TEXT NOT NULL,
          data       TEXT NOT NULL,
          seq        INTEGER,
          generation INTEGER NOT NULL,
          PRIMARY KEY (entity, id)
        )""",
        "CREATE INDEX replica_generation ON replica (generation)",
        """
        CREATE TABLE proposal (
          record_id     TEXT PRIMARY KEY REFERENCES outbox (record_id),
          entity        TEXT NOT NULL,
          entity_id     TEXT NOT NULL,
          field         TEXT NOT NULL,
          value         TEXT NOT NULL,
          base          TEXT,
          outcome       TEXT NOT NULL CHECK (outcome IN ('pending', 'applied', 'review', 'rejected', 'superseded')),
          reason        TEXT,
          current_value TEXT,
          decided_at    TEXT
        )""",
        """
        CREATE TABLE draft (
          id           TEXT PRIMARY KEY,
          form_id      TEXT NOT NULL,
          form_version TEXT NOT NULL,
          data         TEXT NOT NULL,
          attachments  TEXT NOT NULL,
          updated_at   INTEGER NOT NULL
        )""",
        "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE device_key (
          slot       TEXT PRIMARY KEY CHECK (slot = 'device'),
          device_id  TEXT NOT NULL,
          key_id     TEXT NOT NULL,
          public_key BLOB NOT NULL,
          kdf        TEXT NOT NULL,
          salt       BLOB NOT NULL,
          sealed     BLOB NOT NULL,
          created_at INTEGER NOT NULL
        )"""
    });
}
