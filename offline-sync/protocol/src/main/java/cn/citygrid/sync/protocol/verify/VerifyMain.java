package cn.citygrid.sync.protocol.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * {@code ./grid verify FILE [--skew=PT5M]}: checks an audit bundle offline and prints one line per step.
 * Exit status: 0 all checks passed, 1 a check failed, 2 unreadable input or bad arguments.
 */
public final class VerifyMain {
    private VerifyMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** The whole command, testable: returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].startsWith("--skew="))) {
            err.println("usage: grid verify FILE [--skew=PT5M]");
            return 2;
        }
        Duration skew = OfflineVerifier.DEFAULT_SKEW;
        try {
            if (args.length == 2) {
                skew = Duration.parse(args[1].substring("--skew=".length()));
            }
            if (skew.isNegative()) {
                throw new DateTimeParseException("negative duration", args[1], 0);
            }
        } catch (DateTimeParseException e) {
            err.println("unreadable --skew (want an ISO-8601 duration such as PT5M): " + e.getMessage());
            return 2;
        }
        AuditBundle bundle;
        try {
            bundle = AuditBundle.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            err.println("unreadable input " + args[0] + ": " + e.getMessage());
            return 2;
        }
        VerifyReport report = new OfflineVerifier(skew).verify(bundle);
        out.print(report.format());
        return report.passed() ? 0 : 1;
    }
}
