package cn.citygrid.sync.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.OpenSsl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SM2 and HMAC-SM3 against the OpenSSL 3 command line, keys exchanged as PEM files. Never skipped: without
 * {@code openssl} on the PATH this test fails and says so.
 */
class OpenSslInteropTest {
    private static final String DISTID = "distid:" + Sm2.DEFAULT_USER_ID;
    private static final byte[] MSG = "{\"recordId\":\"户籍核查\",\"n\":1}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void requireOpenSsl() {
        OpenSsl.requireOpenSsl3();
    }

    @Test
    void opensslSignature_verifiesWithOurSm2_andOpenSslKeysDecode() throws IOException {
        exec("openssl", "genpkey", "-algorithm", "SM2", "-out", "osl-key.pem");
        exec("openssl", "pkey", "-in", "osl-key.pem", "-pubout", "-out", "osl-pub.pem");
        Files.write(dir.resolve("msg"), MSG);
        exec("openssl", "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey", "osl-key.pem", "-in", "msg",
                "-out", "osl.sig", "-pkeyopt", DISTID);
        Sm2PublicKey pub = Sm2PublicKey.fromPem(Files.readString(dir.resolve("osl-pub.pem")));
        byte[] sig = Files.readAllBytes(dir.resolve("osl.sig"));
        assertThat(Sm2.verify(pub, Sm2.DEFAULT_USER_ID, MSG, sig)).isTrue();
        assertThat(Sm2.verify(pub, "", MSG, sig)).isFalse();
        Sm2PrivateKey priv = Sm2PrivateKey.fromPem(Files.readString(dir.resolve("osl-key.pem")));
        assertThat(priv.publicKey().spki()).as("our SPKI encoding equals OpenSSL's byte for byte")
                .isEqualTo(pub.spki());
    }

    @Test
    void ourSignature_verifiesWithOpenSsl_onlyUnderTheSameDistid() throws IOException {
        Sm2KeyPair pair = Sm2.generateKeyPair();
        Files.writeString(dir.resolve("our-pub.pem"), pair.publicKey().toPem());
        Files.write(dir.resolve("msg"), MSG);
        Files.write(dir.resolve("our.sig"), Sm2.sign(pair.privateKey(), Sm2.DEFAULT_USER_ID, MSG));
        OpenSsl.Result ok = run(dir, "openssl", "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin", "-inkey",
                "our-pub.pem", "-in", "msg", "-sigfile", "our.sig", "-pkeyopt", DISTID);
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("Signature Verified Successfully");
        OpenSsl.Result wrongId = run(dir, "openssl", "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin", "-inkey",
                "our-pub.pem", "-in", "msg", "-sigfile", "our.sig", "-pkeyopt", "distid:someone-else");
        assertThat(wrongId.exit()).as(wrongId.output()).isNotZero();
    }

    @Test
    void ourPrivateKeyPem_signsInOpenSsl_andVerifiesWithUs() throws IOException {
        Sm2KeyPair pair = Sm2.generateKeyPair();
        Files.writeString(dir.resolve("our-key.pem"), pair.privateKey().toPem());
        Files.write(dir.resolve("msg"), MSG);
        exec("openssl", "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey", "our-key.pem", "-in", "msg",
                "-out", "x.sig", "-pkeyopt", DISTID);
        byte[] sig = Files.readAllBytes(dir.resolve("x.sig"));
        assertThat(Sm2.verify(pair.publicKey(), Sm2.DEFAULT_USER_ID, MSG, sig)).isTrue();
    }

    @Test
    void hmacSm3_matchesOpenSslMac() throws IOException {
        byte[] key = Hex.decode("00112233445566778899aabbccddeeff0011");
        Files.write(dir.resolve("msg"), MSG);
        String out = exec("openssl", "mac", "-digest", "SM3", "-macopt", "hexkey:" + Hex.encode(key), "-in", "msg",
                "HMAC");
        assertThat(Hex.encode(HmacSm3.mac(key, MSG))).isEqualTo(out.trim().toLowerCase(Locale.ROOT));
    }

    @Test
    void sm3_matchesOpenSslDgst() throws IOException {
        Files.write(dir.resolve("msg"), MSG);
        String out = exec("openssl", "dgst", "-sm3", "-r", "msg");
        assertThat(out).startsWith(Sm3.hex(MSG) + " ");
    }

    private String exec(String... command) {
        return OpenSsl.exec(dir, command);
    }

    private static OpenSsl.Result run(Path dir, String... command) {
        return OpenSsl.run(dir, command);
    }
}
