-- Trust: enrolled devices, platform signing keys, the verifiable record log (RFC 9162 tree with
-- SM3, stored as perfect-subtree nodes) and its signed checkpoints. See docs/ledger.md.
CREATE SCHEMA IF NOT EXISTS ledger;

-- Platform keys (the device CA, the log, place codes), generated on first start. Private halves
-- are sealed with the data key ring (SM4-GCM, AAD "ledger.signing_key:<name>").
CREATE TABLE ledger.signing_key (
  name            text  PRIMARY KEY,
  public_key      bytea NOT NULL,   -- SubjectPublicKeyInfo DER
  key_id          text  NOT NULL,
  private_key_enc bytea NOT NULL,
  certificate     bytea,            -- the CA's self-signed certificate (DER)
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger.device (
  id           text   PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{8,64}$'),
  account_id   bigint NOT NULL REFERENCES auth.account (id),
  public_key   bytea  NOT NULL,
  key_id       text   NOT NULL UNIQUE,
  label        text,
  status       text   NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'revoked')),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_at   timestamptz,
  decided_by   bigint REFERENCES auth.account (id),
  certificate  bytea,              -- DER, issued on approval
  revoked_at   timestamptz,
  reason       text
);
CREATE INDEX device_account ON ledger.device (account_id);
CREATE INDEX device_pending ON ledger.device (requested_at) WHERE status = 'pending';

-- Accepted records, immutable once written.
CREATE TABLE ledger.record (
  id           text   PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),  -- SM3 of the canonical payload
  client_id    text   NOT NULL,
  device_id    text   NOT NULL REFERENCES ledger.device (id),
  account_id   bigint NOT NULL REFERENCES auth.account (id),
  form_id      text   NOT NULL,
  form_version text   NOT NULL,
  captured_at  timestamptz NOT NULL,
  received_at  timestamptz NOT NULL,  -- millisecond precision: it is part of the leaf
  canonical    bytea  NOT NULL,       -- the signed envelope, RFC 8785 bytes, exactly as logged
  payload      jsonb  NOT NULL,       -- the answers, for queries; derived from canonical (the audit checks)
  leaf_hash    bytea  NOT NULL        -- SM3 leaf hash of {"receivedAt","record"}; the audit recomputes it
);
CREATE INDEX record_device ON ledger.record (device_id);
CREATE INDEX record_account ON ledger.record (account_id, received_at);

-- Records waiting for the appender: a narrow queue, inserted with the record, deleted when sealed.
CREATE TABLE ledger.pending (
  record_id   text        PRIMARY KEY REFERENCES ledger.record (id),
  received_at timestamptz NOT NULL,
  leaf_hash   bytea       NOT NULL
);
CREATE INDEX pending_order ON ledger.pending (received_at, record_id);

-- The log's order: leaf idx holds record_id. Written once, when the batch is sealed.
CREATE TABLE ledger.leaf (
  idx       bigint PRIMARY KEY CHECK (idx >= 0),
  record_id text   NOT NULL UNIQUE REFERENCES ledger.record (id)
);

-- Perfect subtrees: the hash of leaves [idx·2^level, (idx+1)·2^level). Written once, never changed.
CREATE TABLE ledger.node (
  level smallint NOT NULL CHECK (level BETWEEN 0 AND 63),
  idx   bigint   NOT NULL CHECK (idx >= 0),
  hash  bytea    NOT NULL,
  PRIMARY KEY (level, idx)
);

CREATE TABLE ledger.checkpoint (
  size      bigint PRIMARY KEY CHECK (size >= 0),
  root      bytea  NOT NULL,
  note      text   NOT NULL,   -- the C2SP signed note; witness cosignature lines are added as they arrive
  signed_at timestamptz NOT NULL
);

-- Witnesses the log asks to cosign each checkpoint.
CREATE TABLE ledger.witness (
  name       text  PRIMARY KEY,
  url        text  NOT NULL,
  public_key bytea NOT NULL
);

-- The independent witness keeps its own state in its own schema (it may run in another process
-- against another database; here it shares the server).
CREATE SCHEMA IF NOT EXISTS witness;
CREATE TABLE witness.key (
  name            text  PRIMARY KEY,
  public_key      bytea NOT NULL,
  private_key_enc bytea NOT NULL
);
CREATE TABLE witness.log_state (
  origin     text   PRIMARY KEY,
  size       bigint NOT NULL,
  root       bytea  NOT NULL,
  note       text   NOT NULL,      -- the last checkpoint it cosigned
  updated_at timestamptz NOT NULL
);
