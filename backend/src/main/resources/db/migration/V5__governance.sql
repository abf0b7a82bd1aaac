-- Governance: department sources and their batches, provenance of golden values, quality issues,
-- work orders, merge history, incremental metrics, and the person-data access log. See docs/governance.md.
CREATE SCHEMA IF NOT EXISTS gov;

-- A department feed: what its rows describe, how its columns map to our fields, how far each of its
-- fields is trusted (0–100), and how often it is expected to refresh (for freshness, 鲜活率).
CREATE TABLE gov.source (
  name        text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{1,40}$'),
  department  text     NOT NULL,
  title       text     NOT NULL,
  entity      text     NOT NULL CHECK (entity IN ('person', 'enterprise', 'house')),
  cadence     interval NOT NULL,
  mapping     jsonb    NOT NULL,   -- {"key": column, "columns": {column: field}, "required": [field…]}
  trust       jsonb    NOT NULL,   -- {field: 0..100}
  enabled     boolean  NOT NULL DEFAULT true
);

CREATE TABLE gov.batch (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source        text   NOT NULL REFERENCES gov.source (name),
  file_name     text   NOT NULL,
  format        text   NOT NULL CHECK (format IN ('csv', 'xlsx', 'jsonl')),
  file_sm3      text   NOT NULL,
  status        text   NOT NULL CHECK (status IN ('applied', 'failed')),
  rows_total    integer NOT NULL DEFAULT 0,
  rows_applied  integer NOT NULL DEFAULT 0,
  rows_rejected integer NOT NULL DEFAULT 0,
  issues        integer NOT NULL DEFAULT 0,
  report        jsonb  NOT NULL DEFAULT '{}',
  uploaded_by   bigint REFERENCES auth.account (id),
  received_at   timestamptz NOT NULL DEFAULT now(),
  applied_at    timestamptz
);

-- Every row of every applied batch, as it came (traceability), with what it resolved to.
CREATE TABLE gov.row (
  batch_id   bigint  NOT NULL REFERENCES gov.batch (id),
  row_no     integer NOT NULL,
  row_key    text,             -- the source's own key for the row (its key column, standardised)
  raw        text    NOT NULL, -- the row as a JSON object of the source's columns
  status     text    NOT NULL CHECK (status IN ('applied', 'rejected')),
  person_id  bigint,
  enterprise_id bigint,
  PRIMARY KEY (batch_id, row_no)
);
CREATE INDEX row_person ON gov.row (person_id) WHERE person_id IS NOT NULL;

-- Field-level provenance of golden person values: for each field, where the winning value came from.
-- {"name": {"s": source, "b": batch, "r": row, "t": trust, "at": observed, "v": confirmed-by-visit}, …}
ALTER TABLE grid.person ADD COLUMN provenance jsonb NOT NULL DEFAULT '{}';
ALTER TABLE grid.person ADD COLUMN confirmed_at timestamptz;   -- last time any source asserted the record
ALTER TABLE grid.person ADD COLUMN fresh_until date;           -- max over its sources of last confirmation + cadence
ALTER TABLE grid.person ADD COLUMN merged_into bigint REFERENCES grid.person (id);
CREATE INDEX house_address ON grid.house (address);

-- Does a candidate value (asserted with trust t at time at, by a visit or not) beat the current golden
-- value's provenance? Higher trust wins; at equal trust a visit-confirmed value beats an unconfirmed one,
-- then the more recent one wins. A missing candidate never wins.
CREATE FUNCTION gov.wins(prov jsonb, field text, candidate text, t int, at timestamptz, visit boolean)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT candidate IS NOT NULL AND (
    prov -> field IS NULL
    OR t > (prov -> field ->> 't')::int
    OR (t = (prov -> field ->> 't')::int AND (
         (visit AND NOT coalesce((prov -> field ->> 'v')::boolean, false))
         OR (visit = coalesce((prov -> field ->> 'v')::boolean, false) AND at >= (prov -> field ->> 'at')::timestamptz))))
$$;

-- The provenance with field set to where its new value came from, when it won.
CREATE FUNCTION gov.prov(prov jsonb, field text, won boolean, src text, batch bigint, row_no int, t int,
    at timestamptz, visit boolean)
RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN won THEN jsonb_set(prov, ARRAY[field], jsonb_build_object('s', src, 'b', batch, 'r', row_no,
    't', t, 'at', at, 'v', visit)) ELSE prov END
$$;

-- Each person's last confirmation by each source, and the freshness histograms kept from it.
CREATE TABLE gov.confirmation (
  person_id bigint NOT NULL REFERENCES grid.person (id),
  source    text   NOT NULL,
  last_day  date   NOT NULL,
  PRIMARY KEY (person_id, source)
);
CREATE TABLE gov.fresh_day (
  day     date   NOT NULL PRIMARY KEY,   -- persons whose fresh_until is this day
  persons bigint NOT NULL DEFAULT 0
);
ALTER TABLE grid.enterprise ADD COLUMN provenance jsonb NOT NULL DEFAULT '{}';
ALTER TABLE grid.enterprise ADD COLUMN confirmed_at timestamptz;
CREATE INDEX person_name_birth ON grid.person (name, birth_date);

-- Work orders group the issues of one source and rule for that department's data steward.
CREATE TABLE gov.work_order (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source      text   NOT NULL REFERENCES gov.source (name),
  rule        text   NOT NULL,
  title       text   NOT NULL,
  status      text   NOT NULL CHECK (status IN ('open', 'in_progress', 'fixed', 'rejected', 'verified')),
  issues_open integer NOT NULL DEFAULT 0,
  due_at      timestamptz NOT NULL,
  assignee    bigint REFERENCES auth.account (id),
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX work_order_live ON gov.work_order (source, rule) WHERE status IN ('open', 'in_progress');

CREATE TABLE gov.issue (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule       text   NOT NULL,
  source     text   NOT NULL REFERENCES gov.source (name),
  batch_id   bigint NOT NULL REFERENCES gov.batch (id),
  row_no     integer NOT NULL,
  row_key    text,
  field      text,
  value      text,     -- masked when the field is personal (ID numbers, phones)
  message    text   NOT NULL,
  person_id  bigint,
  work_order_id bigint REFERENCES gov.work_order (id),
  status     text   NOT NULL CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at  timestamptz,
  closed_by_batch bigint
);
CREATE INDEX issue_open_key ON gov.issue (source, rule, row_key) WHERE status = 'open';
CREATE INDEX issue_person ON gov.issue (person_id) WHERE status = 'open';
CREATE INDEX issue_work_order ON gov.issue (work_order_id);

-- Uncertain matches (no usable ID number) wait here for a person to decide.
CREATE TABLE gov.match_review (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch_id    bigint  NOT NULL REFERENCES gov.batch (id),
  row_no      integer NOT NULL,
  person_id   bigint  NOT NULL REFERENCES grid.person (id),  -- the new record made from the row
  candidate_id bigint NOT NULL REFERENCES grid.person (id), -- the existing record it may be
  score       numeric(4, 3) NOT NULL,
  reasons     jsonb   NOT NULL,
  status      text    NOT NULL CHECK (status IN ('open', 'merged', 'distinct')),
  decided_by  bigint REFERENCES auth.account (id),
  decided_at  timestamptz
);
CREATE INDEX match_review_open ON gov.match_review (status, id);

-- Merges and un-merges with enough history to undo them.
CREATE TABLE gov.merge_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text   NOT NULL CHECK (kind IN ('merge', 'unmerge')),
  survivor_id bigint NOT NULL REFERENCES grid.person (id),
  absorbed_id bigint NOT NULL REFERENCES grid.person (id),
  snapshot    jsonb  NOT NULL,   -- the absorbed record and what moved, for un-merge
  score       numeric(4, 3),
  automatic   boolean NOT NULL,
  decided_by  bigint REFERENCES auth.account (id),
  at          timestamptz NOT NULL DEFAULT now(),
  undone_by   bigint REFERENCES gov.merge_event (id)
);

-- Incremental counters per source: rates are numerator/denominator, never a full scan.
CREATE TABLE gov.metric (
  source   text   NOT NULL,   -- a source name, or '*' for everything
  name     text   NOT NULL,   -- values_total, values_standard, values_standardised, values_invalid,
                              -- rows_total, rows_valid, required_total, required_present, rows_linked
  value    bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (source, name)
);
-- Per source: persons whose last confirmation by it fell on this day (freshness within its cadence).
CREATE TABLE gov.confirmation_day (
  source text NOT NULL,
  day    date NOT NULL,
  persons bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (source, day)
);

-- Who read whose data, and why. Append-only (a trigger refuses UPDATE and DELETE), hash-chained per
-- writer node, and each node's chain head is anchored in the ledger every few seconds.
CREATE TABLE gov.access_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  node          text   NOT NULL,
  seq           bigint NOT NULL,
  at            timestamptz NOT NULL,
  account_id    bigint NOT NULL,
  username      text   NOT NULL,
  role          text   NOT NULL,
  subject_kind  text   NOT NULL CHECK (subject_kind IN ('person', 'enterprise')),
  subject_id    bigint NOT NULL,
  purpose       text   NOT NULL,
  action        text   NOT NULL,
  clear_fields  text   NOT NULL DEFAULT '',   -- comma-separated: name,id_number,phone
  request_id    text,
  prev_hash     bytea  NOT NULL,
  hash          bytea  NOT NULL,
  UNIQUE (node, seq)
);
CREATE INDEX access_log_subject ON gov.access_log (subject_kind, subject_id, at DESC);
CREATE INDEX access_log_account ON gov.access_log (account_id, at DESC);

CREATE FUNCTION gov.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'gov.access_log is append-only';
END $$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON gov.access_log
  FOR EACH ROW EXECUTE FUNCTION gov.refuse_change();

-- Anchors of access-log chains in the ledger: node, last seq, chain head, the ledger record id.
CREATE TABLE gov.access_anchor (
  node      text   NOT NULL,
  seq       bigint NOT NULL,
  head      bytea  NOT NULL,
  record_id text   NOT NULL REFERENCES ledger.record (id),
  at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (node, seq)
);

-- Field visits name their house in the payload; portraits list the recent ones.
CREATE INDEX record_house ON ledger.record ((payload ->> 'houseId'));
CREATE INDEX record_credit_code ON ledger.record ((payload ->> 'creditCode'));
