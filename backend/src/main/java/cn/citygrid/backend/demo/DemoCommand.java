package cn.citygrid.backend.demo;

import cn.citygrid.backend.auth.PasswordHasher;
import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Migrations;

/** {@code demo [--persons N] [--seed S] [--if-empty]}: builds the demo city (demo mode only). */
public final class DemoCommand {
  private DemoCommand() {}

  /** Returns the process exit status. */
  public static int run(GridConfig config, String[] args) throws Exception {
    int persons = config.demo().persons();
    long seed = config.demo().seed();
    boolean ifEmpty = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--persons" -> persons = Integer.parseInt(value(args, ++i, "--persons"));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
        case "--if-empty" -> ifEmpty = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected --persons N, --seed S, --if-empty");
      }
    }
    if (!config.demoMode()) {
      System.err.println("演示数据只能在演示模式下生成 / the demo city is built only in demo mode (GRID_MODE=demo)");
      return 2;
    }
    if (persons < 200) {
      throw new IllegalArgumentException("--persons must be at least 200, got " + persons);
    }
    Migrations.migrate(config.db());
    if (ifEmpty && !DemoCity.isEmpty(config.db())) {
      System.out.println("demo city already present; leaving it as it is");
      return 0;
    }
    System.out.println("building the demo city: " + persons + " persons, seed " + seed);
    String hash = new PasswordHasher(config.auth().argon2MemoryKib(), config.auth().argon2Iterations())
        .hash(DemoAccounts.PASSWORD);
    DemoCity.Summary s = DemoCity.build(config.db(), config.dataKeys(), hash, persons, seed);
    System.out.printf("demo city ready in %d s: %d persons, %d houses, %d enterprises, %d grids%n",
        s.seconds(), s.persons(), s.houses(), s.enterprises(), s.grids());
    return 0;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
