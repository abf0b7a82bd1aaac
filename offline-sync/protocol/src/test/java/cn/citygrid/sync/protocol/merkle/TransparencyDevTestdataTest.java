package cn.citygrid.sync.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.protocol.TestResources;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.json.JsonFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every probe file under transparency-dev/merkle testdata/inclusion and testdata/consistency: files with
 * {@code wantErr=false} must verify, the mutated ones ({@code wrong-leaf}, {@code modified-proof…}, …) must fail.
 */
class TransparencyDevTestdataTest {
    private static final Path ROOT = TestResources.path("merkle-transparency-dev-testdata/testdata");
    private static final Hasher SHA = TreeHasher.SHA256;

    private static List<Path> files(String kind) throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve(kind))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Go's uint64 fields, kept bit for bit: 2^64-1 becomes -1, which the verifier rejects as out of range. */
    private static long uint64(JsonFields f, String name) {
        return ((java.math.BigDecimal) f.required(name)).toBigIntegerExact().longValue();
    }

    private static byte[] b64(JsonFields f, String name) {
        return Base64.getDecoder().decode(f.string(name));
    }

    private static List<byte[]> proof(JsonFields f) {
        return f.has("proof") ? f.strings("proof").stream().map(Base64.getDecoder()::decode).toList() : List.of();
    }

    @Test
    void probeSet_isComplete() throws IOException {
        assertThat(files("inclusion")).hasSize(98);
        assertThat(files("consistency")).hasSize(98);
    }

    @TestFactory
    Stream<DynamicTest> inclusionProbes() throws IOException {
        return files("inclusion").stream().map(p -> DynamicTest.dynamicTest(ROOT.relativize(p).toString(), () -> {
            JsonFields f = JsonFields.of(Json.parse(Files.readString(p)), "");
            long index = uint64(f, "leafIdx");
            long size = uint64(f, "treeSize");
            Runnable verify = () -> MerkleVerifier.verifyInclusion(SHA, index, size, b64(f, "leafHash"), proof(f),
                    b64(f, "root"));
            expect(f, verify);
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyProbes() throws IOException {
        return files("consistency").stream().map(p -> DynamicTest.dynamicTest(ROOT.relativize(p).toString(), () -> {
            JsonFields f = JsonFields.of(Json.parse(Files.readString(p)), "");
            long size1 = uint64(f, "size1");
            long size2 = uint64(f, "size2");
            Runnable verify = () -> MerkleVerifier.verifyConsistency(SHA, size1, size2, proof(f), b64(f, "root1"),
                    b64(f, "root2"));
            expect(f, verify);
        }));
    }

    private static void expect(JsonFields f, Runnable verify) {
        Object wantErr = f.required("wantErr");
        if (Boolean.TRUE.equals(wantErr)) {
            assertThatThrownBy(verify::run).as(f.string("desc")).isInstanceOf(ProofException.class);
        } else {
            assertThatCode(verify::run).as(f.string("desc")).doesNotThrowAnyException();
        }
    }
}
