package cn.citygrid.backend.config;

import java.time.Duration;
import java.util.Map;

/** The backend's typed configuration, built once at start and passed by constructor. */
public record GridConfig(
    Mode mode,
    HttpConfig http,
    DbConfig db,
    AuthConfig auth,
    DataKeysConfig dataKeys,
    LedgerSettings ledger,
    int workerPoolSize,
    LogFormat logFormat,
    DemoConfig demo,
    ObjectsConfig objects,
    GeoSettings geo,
    Duration changeRetention) {

  public enum Mode { DEMO, PRODUCTION }

  public enum LogFormat { TEXT, JSON }

  public boolean demoMode() {
    return mode == Mode.DEMO;
  }

  public static GridConfig load(Map<String, String> env) {
    return from(Settings.load(env));
  }

  public static GridConfig from(Settings s) {
    int cores = Runtime.getRuntime().availableProcessors();
    int workers = s.integer(ConfigKey.WORKER_POOL_SIZE, 0, 256);
    DbConfig db = DbConfig.from(s);
    return new GridConfig(
        s.choice(ConfigKey.MODE, Mode.class),
        HttpConfig.from(s, cores),
        db,
        AuthConfig.from(s),
        DataKeysConfig.from(s),
        LedgerSettings.from(s),
        workers == 0 ? cores : workers,
        s.choice(ConfigKey.LOG_FORMAT, LogFormat.class),
        DemoConfig.from(s),
        ObjectsConfig.from(s),
        GeoSettings.from(s, db),
        s.duration(ConfigKey.SYNC_CHANGE_RETENTION));
  }

  /** Where attachments live: an S3 endpoint, or (endpoint null) the in-process server on {@code dir}. */
  public record ObjectsConfig(String endpoint, String dir, String accessKey, String secretKey, String bucket, String region) {
    static ObjectsConfig from(Settings s) {
      String endpoint = s.string(ConfigKey.OBJECTS_ENDPOINT);
      String access = s.string(ConfigKey.OBJECTS_ACCESS_KEY);
      String secret = s.string(ConfigKey.OBJECTS_SECRET_KEY);
      if (!endpoint.isEmpty() && (access.isEmpty() || secret.isEmpty())) {
        throw s.invalid(ConfigKey.OBJECTS_ACCESS_KEY, "the access and secret keys of the S3 endpoint " + endpoint);
      }
      return new ObjectsConfig(endpoint.isEmpty() ? null : endpoint, s.string(ConfigKey.OBJECTS_DIR), access, secret,
          s.string(ConfigKey.OBJECTS_BUCKET), s.string(ConfigKey.OBJECTS_REGION));
    }

    @Override
    public String toString() {
      return "ObjectsConfig[endpoint=" + endpoint + ", dir=" + dir + ", bucket=" + bucket + ", region=" + region + "]";
    }
  }

  public record HttpConfig(String host, int port, int instances, int bodyLimit, String webRoot) {
    static HttpConfig from(Settings s, int cores) {
      String host = s.string(ConfigKey.HTTP_HOST).trim();
      if (host.isEmpty()) {
        throw s.invalid(ConfigKey.HTTP_HOST, "a host name or address");
      }
      int instances = s.integer(ConfigKey.HTTP_INSTANCES, 0, 64);
      return new HttpConfig(host,
          s.integer(ConfigKey.HTTP_PORT, 0, 65535),
          instances == 0 ? cores : instances,
          s.integer(ConfigKey.HTTP_BODY_LIMIT, 1024, 64 * 1024 * 1024),
          s.string(ConfigKey.WEB_ROOT).trim());
    }
  }

  public record AuthConfig(Duration accessTtl, Duration refreshTtl, int lockoutThreshold,
      Duration lockoutBase, Duration lockoutMax, int argon2MemoryKib, int argon2Iterations) {
    static AuthConfig from(Settings s) {
      return new AuthConfig(
          s.duration(ConfigKey.AUTH_ACCESS_TTL),
          s.duration(ConfigKey.AUTH_REFRESH_TTL),
          s.integer(ConfigKey.AUTH_LOCKOUT_THRESHOLD, 1, 100),
          s.duration(ConfigKey.AUTH_LOCKOUT_BASE),
          s.duration(ConfigKey.AUTH_LOCKOUT_MAX),
          s.integer(ConfigKey.AUTH_ARGON2_MEMORY_KIB, 1024, 4 * 1024 * 1024),
          s.integer(ConfigKey.AUTH_ARGON2_ITERATIONS, 1, 20));
    }
  }

  /** The log and its witnesses. */
  public record LedgerSettings(String origin, int batchMax, Duration batchInterval, Duration auditInterval,
      java.util.List<String> witnessUrls, int witnessPort, String witnessName, String witnessLogKey) {
    static LedgerSettings from(Settings s) {
      String origin = s.string(ConfigKey.LEDGER_ORIGIN).trim();
      if (!origin.matches("[A-Za-z0-9.-]+(/[A-Za-z0-9._-]+)*")) {
        throw s.invalid(ConfigKey.LEDGER_ORIGIN, "a schema-less URL such as citygrid.example/ledger");
      }
      java.util.List<String> urls = java.util.Arrays.stream(s.string(ConfigKey.LEDGER_WITNESS_URLS).split(","))
          .map(String::trim).filter(u -> !u.isEmpty()).toList();
      urls.stream().filter(u -> !u.matches("https?://\\S+")).findFirst().ifPresent(u -> {
        throw s.invalid(ConfigKey.LEDGER_WITNESS_URLS, "http(s) URLs");
      });
      return new LedgerSettings(origin, s.integer(ConfigKey.LEDGER_BATCH_MAX, 1, 100_000),
          s.duration(ConfigKey.LEDGER_BATCH_INTERVAL), s.duration(ConfigKey.LEDGER_AUDIT_INTERVAL), urls,
          s.integer(ConfigKey.WITNESS_PORT, 0, 65535), s.string(ConfigKey.WITNESS_NAME).trim(),
          s.string(ConfigKey.WITNESS_LOG_KEY).trim());
    }
  }

  public record DemoConfig(int persons, long seed) {
    static DemoConfig from(Settings s) {
      return new DemoConfig(
          s.integer(ConfigKey.DEMO_PERSONS, 0, 10_000_000),
          s.longValue(ConfigKey.DEMO_SEED, Long.MIN_VALUE, Long.MAX_VALUE));
    }
  }
}
