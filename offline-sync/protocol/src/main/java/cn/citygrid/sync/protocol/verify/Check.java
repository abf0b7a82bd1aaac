package cn.citygrid.sync.protocol.verify;

/**
 * The outcome of one verification step.
 *
 * @param step   which step
 * @param status OK, FAIL, or SKIP (could not run because an earlier step failed)
 * @param detail what was found, or exactly what failed
 */
public record Check(Step step, Status status, String detail) {
    /** Outcome kinds. */
    public enum Status { OK, FAIL, SKIP }

    /** One report line, e.g. {@code FAIL record signature verifies: sig: does not verify …}. */
    public String line() {
        return String.format("%-4s %s: %s", status, step.label(), detail);
    }
}
