package cn.citygrid.backend.governance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What an import did, or why nothing of it was applied. */
public record ImportReport(Long batchId, String source, String file, String status, long rowsTotal, long rowsApplied,
    long rowsRejected, long issues, long personsCreated, long merged, long reviews, long issuesClosed,
    List<String> rejectedRows, String failure, long millis) {

  public boolean applied() {
    return "applied".equals(status);
  }

  public JsonObject toJson() {
    return new JsonObject().put("batchId", batchId).put("source", source).put("file", file).put("status", status)
        .put("rowsTotal", rowsTotal).put("rowsApplied", rowsApplied).put("rowsRejected", rowsRejected)
        .put("issues", issues).put("personsCreated", personsCreated).put("merged", merged).put("reviews", reviews)
        .put("issuesClosed", issuesClosed).put("rejectedRows", new JsonArray(rejectedRows)).put("failure", failure)
        .put("millis", millis);
  }

  public String format() {
    if (!applied()) {
      return "导入失败，未应用任何数据 / import failed, nothing applied: " + failure + "\n";
    }
    StringBuilder b = new StringBuilder();
    b.append(String.format("batch %d (%s, %s): %,d rows, %,d applied, %,d rejected, %,d issues, %,d closed, "
            + "%,d new persons, %,d matched by score, %,d to review, %d ms%n",
        batchId, source, file, rowsTotal, rowsApplied, rowsRejected, issues, issuesClosed, personsCreated, merged, reviews, millis));
    rejectedRows.forEach(r -> b.append("  rejected: ").append(r).append('\n'));
    return b.toString();
  }
}
