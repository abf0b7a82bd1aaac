package cn.citygrid.backend;

import cn.citygrid.backend.config.ConfigException;
import cn.citygrid.backend.config.ConfigKey;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Migrations;
import cn.citygrid.backend.demo.DemoCommand;
import cn.citygrid.backend.governance.ImportCommand;
import cn.citygrid.backend.ledger.AuditCommand;
import cn.citygrid.backend.witness.WitnessCommand;
import cn.citygrid.sync.protocol.crypto.CryptoException;
import java.net.BindException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the backend jar. Commands: {@code serve} (default), {@code migrate},
 * {@code demo [--persons N] [--seed S]}, {@code import --source NAME FILE}, {@code audit}, {@code witness}. Exit status 2 means invalid configuration or arguments (data keys that do not fit the database included), 3 a port already taken.
 */
public final class Main {
  private Main() {}

  private static Logger log() {
    return LoggerFactory.getLogger(Main.class);
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    String command = args.length == 0 ? "serve" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    GridConfig config;
    try {
      config = GridConfig.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println("配置错误 / configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Logging starts only now, so the chosen format applies from the first line.
    System.setProperty("citygrid.log", config.logFormat().name().toLowerCase());
    switch (command) {
      case "serve" -> serve(config);
      case "migrate" -> log().info("migrations applied: {}", Migrations.migrate(config.db()).migrationsExecuted);
      case "demo" -> exit(() -> DemoCommand.run(config, rest));
      case "audit" -> exit(() -> AuditCommand.run(config, System.out));
      case "import" -> exit(() -> ImportCommand.run(config, rest));
      case "witness" -> exit(() -> WitnessCommand.run(config));
      default -> {
        System.err.println("unknown command '" + command + "'; expected serve | migrate | demo | import | audit | witness");
        System.exit(2);
      }
    }
  }

  private interface Command {
    int run() throws Exception;
  }

  /** Runs a batch command; a bad argument is exit status 2 with its message, not a stack trace. */
  private static void exit(Command command) throws Exception {
    try {
      System.exit(command.run());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  private static void serve(GridConfig config) throws Exception {
    App app;
    try {
      app = App.start(config);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BindException taken) {
        System.err.println("端口已被占用，可能已有一个 CityGrid 在运行 / a port is already taken, perhaps by a running CityGrid: "
            + taken.getMessage() + " (" + ConfigKey.HTTP_PORT.envName() + "=" + config.http().port() + ", "
            + ConfigKey.WITNESS_PORT.envName() + "=" + config.ledger().witnessPort() + ")");
        System.exit(3);
      }
      if (e.getCause() instanceof CryptoException sealed) {
        System.err.println("数据密钥打不开此数据库中封存的平台密钥，请使用创建该数据库时的密钥 / the data keys cannot open the platform keys"
            + " sealed in this database; start with the keys it was created with (" + ConfigKey.DATA_KEYS.envName() + ", "
            + ConfigKey.DATA_INDEX_KEY.envName() + "): " + sealed.getMessage());
        System.exit(2);
      }
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Logger log = log();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping");
      try {
        app.close();
      } catch (Exception e) {
        log.warn("stop failed", e);
      }
      stopped.countDown();
    }, "citygrid-shutdown"));
    String base = "http://" + ("0.0.0.0".equals(config.http().host()) ? "localhost" : config.http().host()) + ":" + app.port();
    log.info("CityGrid serving ({} mode) at {}/ — API {}/api/v1, OpenAPI {}/openapi.yaml, health {}/health/ready, metrics {}/metrics",
        config.mode().name().toLowerCase(), base, base, base, base, base);
    stopped.await();
  }
}
