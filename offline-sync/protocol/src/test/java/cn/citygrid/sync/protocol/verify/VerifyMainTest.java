package cn.citygrid.sync.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyMainTest {
    private static final AuditBundle GOOD = new BundleFixtures().build();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void goodBundle_printsEveryCheckOk_andExitsZero() throws IOException {
        Path file = Files.writeString(dir.resolve("bundle.json"), GOOD.toJson());
        Run r = run(file.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out().lines()).hasSize(Step.values().length + 1);
        assertThat(r.out()).contains("OK   envelope parses: record ").contains("OK   record signature verifies")
                .endsWith("RESULT: PASS (11/11 checks OK)\n");
    }

    @Test
    void tamperedBundle_printsWhatFailed_andExitsOne() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(GOOD.toJson());
        json.put("logKeyName", "someone.else/log");
        Path file = Files.writeString(dir.resolve("bundle.json"), Json.write(json));
        Run r = run(file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL checkpoint signed by the log key: note has no signature by log key someone.else/log")
                .endsWith("RESULT: FAIL at checkpoint signed by the log key\n");
    }

    @Test
    void unreadableInput_exitsTwo() throws IOException {
        assertThat(run(dir.resolve("missing.json").toString()).exit()).isEqualTo(2);
        Path notJson = Files.writeString(dir.resolve("x.json"), "{not json");
        Run r = run(notJson.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("unreadable input ");
        Path wrongShape = Files.writeString(dir.resolve("y.json"), "{\"entry\":{}}");
        assertThat(run(wrongShape.toString()).err()).contains("deviceCertificate: missing");
        Path badUtf8 = Files.write(dir.resolve("z.json"), new byte[] {'{', (byte) 0xff, '}'});
        assertThat(run(badUtf8.toString()).exit()).isEqualTo(2);
    }

    @Test
    void badArguments_exitTwoWithUsage() {
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run().err()).startsWith("usage: grid verify FILE");
        assertThat(run("a", "b").exit()).isEqualTo(2);
        assertThat(run("a", "--skew=five").exit()).isEqualTo(2);
        assertThat(run("a", "--skew=-PT1M").exit()).isEqualTo(2);
    }
}
