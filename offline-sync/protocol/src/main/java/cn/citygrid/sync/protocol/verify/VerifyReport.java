package cn.citygrid.sync.protocol.verify;

import java.util.List;
import java.util.Optional;

/** All step outcomes of one bundle check; it passes iff no step failed. */
public record VerifyReport(List<Check> checks) {
    public VerifyReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
    }

    /** The first failed step, if any. */
    public Optional<Check> firstFailure() {
        return checks.stream().filter(c -> c.status() == Check.Status.FAIL).findFirst();
    }

    /** The outcome of {@code step}. */
    public Check check(Step step) {
        return checks.stream().filter(c -> c.step() == step).findFirst().orElseThrow();
    }

    /** One line per step, then a RESULT line. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        checks.forEach(c -> sb.append(c.line()).append('\n'));
        long ok = checks.stream().filter(c -> c.status() == Check.Status.OK).count();
        sb.append(passed() ? "RESULT: PASS (" + ok + "/" + checks.size() + " checks OK)"
                : "RESULT: FAIL at " + firstFailure().orElseThrow().step().label()).append('\n');
        return sb.toString();
    }
}
