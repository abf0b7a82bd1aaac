-- Accounts, their scope in the region/grid tree, and sign-in sessions.

CREATE TABLE auth.account (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username           text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name       text        NOT NULL,
  password_hash      text        NOT NULL,              -- PHC string, $argon2id$...
  enabled            boolean     NOT NULL DEFAULT true,
  department         text,                              -- DATA_STEWARD: the department whose data they steward
  failed_logins      integer     NOT NULL DEFAULT 0,
  locked_until       timestamptz,
  demo               boolean     NOT NULL DEFAULT false, -- created by ./grid demo; refused outside demo mode
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth.account_role (
  account_id bigint NOT NULL REFERENCES auth.account (id) ON DELETE CASCADE,
  role       text   NOT NULL CHECK (role IN ('ADMIN','SUPERVISOR','LEADER','GRID_WORKER','DATA_STEWARD','CITIZEN')),
  PRIMARY KEY (account_id, role)
);

-- A node of the region/grid tree: a region code (6, 9 or 12 digits) or a unit grid code (15 digits).
CREATE TABLE auth.account_scope (
  account_id bigint NOT NULL REFERENCES auth.account (id) ON DELETE CASCADE,
  node_code  text   NOT NULL CHECK (node_code ~ '^[0-9]{6}([0-9]{3}){0,3}$'),
  PRIMARY KEY (account_id, node_code)
);

CREATE TABLE auth.session (
  id                    uuid        PRIMARY KEY,
  account_id            bigint      NOT NULL REFERENCES auth.account (id) ON DELETE CASCADE,
  access_hash           bytea       NOT NULL UNIQUE,   -- SM3 of the access token; the token itself is never stored
  access_expires_at     timestamptz NOT NULL,
  refresh_hash          bytea       NOT NULL UNIQUE,
  previous_refresh_hash bytea,                         -- a replayed old refresh token revokes the session
  refresh_expires_at    timestamptz NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  refreshed_at          timestamptz,
  revoked_at            timestamptz,
  revoked_reason        text,
  client                text
);
CREATE INDEX session_account ON auth.session (account_id) WHERE revoked_at IS NULL;
