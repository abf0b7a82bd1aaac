-- ADR 0008: place-code keys rotate. Labels stay on doors for years, so every key that signed codes
-- stays trusted until an administrator retires it (say, after a leak); new codes are signed with the
-- newest key. The first key is the place-code signing key ledger.signing_key held ('placecode');
-- a database without one gets a new key when the backend starts.
CREATE TABLE ledger.placecode_key (
  key_id          text PRIMARY KEY,
  public_key      bytea NOT NULL,        -- SubjectPublicKeyInfo DER
  private_key_enc bytea NOT NULL,        -- sealed with the data key ring, as ledger.signing_key 'placecode'
  created_at      timestamptz NOT NULL DEFAULT now(),
  retired_at      timestamptz            -- codes signed with it are refused from then on
);
INSERT INTO ledger.placecode_key (key_id, public_key, private_key_enc, created_at)
  SELECT key_id, public_key, private_key_enc, created_at FROM ledger.signing_key WHERE name = 'placecode';

-- Phones hear of a new key, and of a retired one (which the feed then answers with a tombstone).
CREATE FUNCTION sync.log_placecode_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync.change (entity, entity_id, grids) SELECT 'placecode-key', n.key_id, '{}' FROM new_rows n;
  RETURN NULL;
END $$;
CREATE TRIGGER placecode_key_added AFTER INSERT ON ledger.placecode_key REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sync.log_placecode_key();
CREATE TRIGGER placecode_key_retired AFTER UPDATE ON ledger.placecode_key REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sync.log_placecode_key();
DROP TRIGGER placecode_key_ins ON ledger.signing_key;
