package cn.citygrid.geo.gridtools;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The outcome of an import: the grids read, how many were written (0 when any finding is an
 * ERROR or for a dry run), features that changed grid, every finding, and the codes of the grids
 * the file holds (written or not).
 */
public record ImportReport(int read, int written, Reassigned reassigned, List<Finding> findings, boolean dryRun,
    List<String> codes) {
  public ImportReport {
    findings = List.copyOf(findings);
    codes = List.copyOf(codes);
  }

  public boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    findings.forEach(f -> list.add(f.toJson()));
    return new JsonObject().put("read", read).put("written", written).put("dryRun", dryRun)
        .put("errors", findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count())
        .put("reassigned", reassigned.toJson()).put("findings", list).put("codes", new JsonArray(codes))
        .put("crs", "CGCS2000");
  }
}
