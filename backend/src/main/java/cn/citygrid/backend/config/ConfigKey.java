package cn.citygrid.backend.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key the backend reads, with its default and meaning. The YAML file uses the
 * dotted key ({@code http.port}); the environment uses {@link #envName()} ({@code GRID_HTTP_PORT}).
 * The README's configuration table is checked against this catalogue by a test.
 */
public enum ConfigKey {
  MODE("mode", "production", "`demo` or `production`. Demo accounts sign in only in demo mode, and only demo mode builds the demo city. `./grid up` sets `demo`."),
  HTTP_HOST("http.host", "127.0.0.1", "Address the HTTP server binds to (use 0.0.0.0 behind a load balancer)."),
  HTTP_PORT("http.port", "8080", "HTTP port."),
  HTTP_INSTANCES("http.instances", "0", "HTTP verticle instances; 0 means one per core."),
  HTTP_BODY_LIMIT("http.body-limit", "1048576", "Largest JSON request body in bytes."),
  WEB_ROOT("web.root", "web-admin/dist", "Folder of the built web admin served at `/`; ignored when missing."),
  DB_URL("db.url", "postgresql://citygrid@127.0.0.1:55432/citygrid", "PostgreSQL URL `postgresql://[user[:password]@]host[:port]/database`. Setting it for `./grid` means an external database: nothing is installed or started."),
  DB_USER("db.user", "", "Database user (overrides the URL's)."),
  DB_PASSWORD("db.password", "", "Database password (overrides the URL's)."),
  DB_POOL_SIZE("db.pool-size", "16", "Connections in the Vert.x PostgreSQL pool."),
  DB_ORM_POOL_SIZE("db.orm-pool-size", "8", "Connections in the Hibernate Reactive pool."),
  WORKER_POOL_SIZE("worker.pool-size", "0", "Threads for crypto and file work; 0 means one per core."),
  AUTH_ACCESS_TTL("auth.access-ttl", "PT15M", "Lifetime of an access token (ISO-8601 duration)."),
  AUTH_REFRESH_TTL("auth.refresh-ttl", "P7D", "Lifetime of a refresh token (ISO-8601 duration)."),
  AUTH_LOCKOUT_THRESHOLD("auth.lockout-threshold", "5", "Failed logins in a row before the account locks."),
  AUTH_LOCKOUT_BASE("auth.lockout-base", "PT30S", "First lockout; doubles with every further failure."),
  AUTH_LOCKOUT_MAX("auth.lockout-max", "PT1H", "Longest lockout."),
  AUTH_ARGON2_MEMORY_KIB("auth.argon2-memory-kib", "19456", "Argon2id memory cost in KiB (OWASP minimum 19 MiB)."),
  AUTH_ARGON2_ITERATIONS("auth.argon2-iterations", "2", "Argon2id time cost."),
  DATA_KEYS("data.keys", "", "SM4 keys for personal data at rest, `id:base64,id:base64` (16-byte keys). Required; `./grid` generates one into `.grid/secrets.env`."),
  DATA_ACTIVE_KEY("data.active-key", "", "Id of the key that encrypts new values; the others only decrypt (rotation). Default: the last key listed."),
  DATA_INDEX_KEY("data.index-key", "", "HMAC-SM3 key (base64, at least 16 bytes) of the blind indexes for exact lookup of encrypted values. Required."),
  LEDGER_ORIGIN("ledger.origin", "citygrid.local/ledger", "The log's origin line in checkpoints, also the name of its signing key."),
  LEDGER_BATCH_MAX("ledger.batch-max", "1024", "Most records sealed into one checkpoint."),
  LEDGER_BATCH_INTERVAL("ledger.batch-interval", "PT1S", "Longest wait before pending records are sealed."),
  LEDGER_AUDIT_INTERVAL("ledger.audit-interval", "PT1H", "How often the ledger leader re-audits the whole log (as `./grid audit` does)."),
  LEDGER_WITNESS_URLS("ledger.witness-urls", "", "Comma-separated base URLs of witnesses asked to cosign every checkpoint. `./grid up` sets the embedded one."),
  WITNESS_PORT("witness.port", "0", "Port of the witness run inside this process; 0 runs none. `./grid up` sets 8081."),
  WITNESS_NAME("witness.name", "citygrid.local/witness", "Key name of this process's witness."),
  WITNESS_LOG_KEY("witness.log-key", "", "PEM file of the log public key a standalone witness (`java -jar … witness`) trusts; the in-process witness uses the log's own key."),
  SYNC_CHANGE_RETENTION("sync.change-retention", "P30D", "How long the change log keeps a change for phones; a phone whose cursor is older starts over with a snapshot."),
  OBJECTS_ENDPOINT("objects.endpoint", "", "S3 endpoint (a MinIO cluster) for attachments, e.g. `https://minio.example:9000`. Empty: an S3 server inside this process on `objects.dir`."),
  OBJECTS_DIR("objects.dir", ".grid/objects", "Folder of the in-process S3 server (used when `objects.endpoint` is empty)."),
  OBJECTS_ACCESS_KEY("objects.access-key", "", "S3 access key. Empty with the in-process server: a random one per start."),
  OBJECTS_SECRET_KEY("objects.secret-key", "", "S3 secret key. Empty with the in-process server: a random one per start."),
  OBJECTS_BUCKET("objects.bucket", "citygrid", "Bucket of attachments and thumbnails (created when missing)."),
  OBJECTS_REGION("objects.region", "cn-south-1", "S3 region the URLs are signed for."),
  TILES_CACHE_BYTES("tiles.cache-bytes", "67108864", "Memory per node for encoded vector tiles (gzip bytes); 0 caches nothing. Entries leave when evicted for space or when a change touches them, never by age."),
  TILES_MAX_AGE_SECONDS("tiles.max-age-seconds", "0", "Tiles are sent `Cache-Control: private, max-age=N`; 0 sends `private, no-cache`, so clients revalidate with `If-None-Match` and get 304 while a tile is unchanged."),
  TILES_PUBLIC_URL("tiles.public-url", "", "Scheme, host and any path prefix clients reach the server at (e.g. `https://grid.example.gov.cn`), for the tile URLs in TileJSON and the map style; default: each request's own."),
  GEOSERVER_URL("geoserver.url", "", "GeoServer base URL (e.g. `http://gis.internal:8080/geoserver`); when set, the grid tables are published there at start and by `POST /api/v1/geo/geoserver/publish`. Empty: nothing is published."),
  GEOSERVER_USER("geoserver.user", "admin", "GeoServer REST user (basic auth)."),
  GEOSERVER_PASSWORD("geoserver.password", "", "GeoServer REST password."),
  GEOSERVER_WORKSPACE("geoserver.workspace", "citygrid", "GeoServer workspace, also the name of the layer group of all published tables."),
  GEOSERVER_DB_URL("geoserver.db-url", "", "How GeoServer itself reaches PostgreSQL, `postgresql://user:password@host:port/database`; default: the backend's own database settings."),
  LOG_FORMAT("log.format", "text", "`text` or `json` log lines."),
  DEMO_PERSONS("demo.persons", "20000", "Persons in the demo city that `./grid up` seeds into an empty database."),
  DEMO_SEED("demo.seed", "2026", "Seed of the demo city; the same seed gives the same city.");

  private final String key;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** {@code http.body-limit} → {@code GRID_HTTP_BODY_LIMIT}. */
  public String envName() {
    return "GRID_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public static Optional<ConfigKey> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }

  public static Optional<ConfigKey> byEnvName(String env) {
    return Arrays.stream(values()).filter(k -> k.envName().equals(env)).findFirst();
  }
}
