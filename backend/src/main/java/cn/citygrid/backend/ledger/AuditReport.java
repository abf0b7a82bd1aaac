package cn.citygrid.backend.ledger;

import java.util.ArrayList;
import java.util.List;

/** What a ledger audit found: counts and one finding per problem. Empty findings = the log is intact. */
public final class AuditReport {
  public enum Kind { altered, missing, out_of_order, checkpoint_mismatch, checkpoint_signature, unsealed_beyond_log }

  public record Finding(Kind kind, Long leafIndex, String recordId, String detail) {
    @Override
    public String toString() {
      return kind + (leafIndex == null ? "" : " leaf " + leafIndex) + (recordId == null ? "" : " record " + recordId)
          + ": " + detail;
    }
  }

  private final List<Finding> findings = new ArrayList<>();
  private long leaves;
  private long checkpoints;

  void add(Kind kind, Long leafIndex, String recordId, String detail) {
    if (findings.size() < 10_000) {
      findings.add(new Finding(kind, leafIndex, recordId, detail));
    }
  }

  void leafChecked() {
    leaves++;
  }

  void checkpointChecked() {
    checkpoints++;
  }

  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  public boolean clean() {
    return findings.isEmpty();
  }

  public long leaves() {
    return leaves;
  }

  public long checkpoints() {
    return checkpoints;
  }

  public String format() {
    StringBuilder b = new StringBuilder();
    b.append("leaves recomputed: ").append(leaves).append('\n');
    b.append("checkpoints checked: ").append(checkpoints).append('\n');
    findings.forEach(f -> b.append("PROBLEM ").append(f).append('\n'));
    b.append(clean() ? "OK: every leaf, root and checkpoint matches\n" : "FAILED: " + findings.size() + " problem(s)\n");
    return b.toString();
  }
}
