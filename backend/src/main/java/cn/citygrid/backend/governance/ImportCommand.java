package cn.citygrid.backend.governance;

import cn.citygrid.backend.config.GridConfig;
import cn.citygrid.backend.db.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** {@code ./grid import --source NAME FILE}: imports one department file; exit 0 applied, 1 refused, 2 bad arguments. */
public final class ImportCommand {
  private ImportCommand() {}

  public static int run(GridConfig config, String[] args) throws Exception {
    String source = null;
    String file = null;
    for (int i = 0; i < args.length; i++) {
      if ("--source".equals(args[i]) && i + 1 < args.length) {
        source = args[++i];
      } else if (file == null && !args[i].startsWith("--")) {
        file = args[i];
      } else {
        throw new IllegalArgumentException("usage: import --source NAME FILE (.csv, .xlsx or .jsonl)");
      }
    }
    if (source == null || file == null) {
      throw new IllegalArgumentException("usage: import --source NAME FILE (.csv, .xlsx or .jsonl)");
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    Migrations.migrate(config.db());
    ImportJob job = new ImportJob(config.db(), config.dataKeys(), Standardisers.factory(config.db()), Clock.systemUTC());
    ImportReport report = job.run(source, path, path.getFileName().toString(), null);
    System.out.print(report.format());
    return report.applied() ? 0 : 1;
  }
}
