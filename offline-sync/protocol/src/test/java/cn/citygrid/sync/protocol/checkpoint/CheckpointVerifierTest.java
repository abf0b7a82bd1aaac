package cn.citygrid.sync.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointVerifierTest {
    private static final String NAME = "ledger.citygrid.cn/log";
    private static final Sm2KeyPair LOG = Sm2.generateKeyPair();
    private static final Sm2KeyPair WITNESS = Sm2.generateKeyPair();
    private final CheckpointSigner signer = new CheckpointSigner(NAME, LOG.privateKey());
    private final WitnessCosigner cosigner = new WitnessCosigner("witness.example/w1", WITNESS.privateKey());
    private final Checkpoint checkpoint = Checkpoint.of(NAME, 42, CheckpointTest.ROOT, Instant.ofEpochMilli(1764218707123L));

    @Test
    void verify_ofSignedCheckpoint_returnsTheBody() {
        String note = signer.sign(checkpoint);
        assertThat(note).startsWith(checkpoint.body() + "\n— " + NAME + " ");
        VerifiedCheckpoint v = CheckpointVerifier.verify(note, signer.verifier(), List.of());
        assertThat(v.checkpoint()).isEqualTo(checkpoint);
        assertThat(v.cosignatures()).isEmpty();
    }

    @Test
    void keyHash_isFirst4BytesOfSha256OfNameNewlineTypeSpki() throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(NAME.getBytes(StandardCharsets.UTF_8));
        in.write('\n');
        in.write(0xff);
        in.writeBytes("citygrid/sm2-sm3-note/v1".getBytes(StandardCharsets.US_ASCII));
        in.writeBytes(LOG.publicKey().spki());
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(in.toByteArray());
        assertThat(signer.verifier().keyHash()).isEqualTo(ByteBuffer.wrap(sha).getInt());
        String line = signer.sign(checkpoint).split("\n\n")[1];
        byte[] raw = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).trim());
        assertThat(ByteBuffer.wrap(raw).getInt()).isEqualTo(ByteBuffer.wrap(sha).getInt());
    }

    @Test
    void verify_ignoresLinesFromUnknownKeys_evenSharingNameOrKeyHash() {
        String note = signer.sign(checkpoint);
        CheckpointSigner sameNameOtherKey = new CheckpointSigner(NAME, Sm2.generateKeyPair().privateKey());
        NoteSignature real = SignedNote.parse(note).signatures().get(0);
        NoteSignature sameHashOtherName = new NoteSignature("other.example/log", real.keyHash(), new byte[] {1, 2});
        String extended = SignedNote.parse(note).with(sameNameOtherKey.signature(checkpoint.body()))
                .with(sameHashOtherName).with(new NoteSignature("x", 7, new byte[] {9})).format();
        assertThat(CheckpointVerifier.verify(extended, signer.verifier(), List.of()).checkpoint()).isEqualTo(checkpoint);
    }

    @Test
    void verify_whenSignedByAnotherKeyOnly_failsNamingTheExpectedKey() {
        String note = new CheckpointSigner(NAME, Sm2.generateKeyPair().privateKey()).sign(checkpoint);
        assertThatThrownBy(() -> CheckpointVerifier.verify(note, signer.verifier(), List.of()))
                .isInstanceOf(NoteException.class)
                .hasMessageStartingWith(String.format("note has no signature by log key %s (key hash %08x)", NAME,
                        signer.verifier().keyHash()));
    }

    @Test
    void verify_whenBodyEdited_failsTheKnownKeysSignature() {
        String note = signer.sign(checkpoint).replace("\n42\n", "\n43\n");
        assertThatThrownBy(() -> CheckpointVerifier.verify(note, signer.verifier(), List.of()))
                .hasMessage("signature by log key " + NAME + " does not verify");
    }

    @Test
    void cosign_addsAWitnessLineThatVerifiesWithItsTime() {
        String note = cosigner.cosign(signer.sign(checkpoint), signer.verifier(), Instant.ofEpochSecond(1764218710L));
        VerifiedCheckpoint v = CheckpointVerifier.verify(note, signer.verifier(), List.of(cosigner.verifier()));
        assertThat(v.cosignatures()).containsExactly(
                new VerifiedCheckpoint.Cosignature("witness.example/w1", Instant.ofEpochSecond(1764218710L)));
        assertThat(CheckpointVerifier.verify(note, signer.verifier(), List.of()).cosignatures()).isEmpty();
    }

    @Test
    void cosignature_coversCosignatureV1HeaderTimeLineAndBody() {
        String note = cosigner.cosign(signer.sign(checkpoint), signer.verifier(), Instant.ofEpochSecond(1764218710L));
        NoteSignature line = SignedNote.parse(note).signatures().get(1);
        byte[] raw = line.signature();
        assertThat(ByteBuffer.wrap(raw).getLong()).isEqualTo(1764218710L);
        byte[] der = java.util.Arrays.copyOfRange(raw, 8, raw.length);
        byte[] message = ("cosignature/v1\ntime 1764218710\n" + checkpoint.body()).getBytes(StandardCharsets.UTF_8);
        assertThat(Sm2.verify(WITNESS.publicKey(), Sm2.DEFAULT_USER_ID, message, der)).isTrue();
    }

    @Test
    void verify_whenCosignatureTimestampAltered_rejectsTheNote() {
        String note = cosigner.cosign(signer.sign(checkpoint), signer.verifier(), Instant.ofEpochSecond(1764218710L));
        SignedNote parsed = SignedNote.parse(note);
        NoteSignature w = parsed.signatures().get(1);
        byte[] raw = w.signature();
        raw[7] ^= 1;
        String altered = new SignedNote(parsed.text(), List.of(parsed.signatures().get(0),
                new NoteSignature(w.keyName(), w.keyHash(), raw))).format();
        assertThatThrownBy(() -> CheckpointVerifier.verify(altered, signer.verifier(), List.of(cosigner.verifier())))
                .hasMessage("cosignature by witness witness.example/w1 does not verify");
    }

    @Test
    void cosign_refusesANoteTheLogDidNotSign() {
        String forged = new CheckpointSigner(NAME, Sm2.generateKeyPair().privateKey()).sign(checkpoint);
        assertThatThrownBy(() -> cosigner.cosign(forged, signer.verifier(), Instant.now()))
                .hasMessageStartingWith("note has no signature by log key");
    }
}
