package cn.citygrid.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the OpenSSL 3 command line for interop tests. Never skips: if {@code openssl} cannot be run the calling
 * test fails with a message saying how to install it.
 */
public final class OpenSsl {
    private OpenSsl() {
    }

    /** Exit code and merged stdout/stderr. */
    public record Result(int exit, String output) {
    }

    /** Fails unless {@code openssl version} reports OpenSSL 3. */
    public static void requireOpenSsl3() {
        Result r = run(Path.of("."), "openssl", "version");
        assertThat(r.exit()).as("`openssl version` failed: %s", r.output()).isZero();
        assertThat(r.output()).as("need OpenSSL 3 for SM2 distid support").startsWith("OpenSSL 3");
    }

    /** Runs a command in {@code dir}; fails the test if it exits non-zero. */
    public static String exec(Path dir, String... command) {
        Result r = run(dir, command);
        if (r.exit() != 0) {
            fail("`%s` exited %d: %s", String.join(" ", command), r.exit(), r.output());
        }
        return r.output();
    }

    /** Runs a command in {@code dir} and returns its result whatever the exit code. */
    public static Result run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("`%s` did not finish in 60 s", String.join(" ", command));
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return fail("cannot run `%s` (%s): this interop test needs OpenSSL 3 on the PATH "
                    + "(Debian: apt-get install openssl); it is never skipped", String.join(" ", command), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running %s", String.join(" ", command));
        }
    }
}
