package cn.citygrid.sync.protocol.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointSigner;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.merkle.InMemoryNodeStore;
import cn.citygrid.sync.protocol.merkle.MerkleAppender;
import cn.citygrid.sync.protocol.merkle.MerkleProofs;
import cn.citygrid.sync.protocol.merkle.ProofException;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.LogEntry;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.protocol.record.UuidV7;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiptTest {
    private static final Sm2KeyPair DEVICE = Sm2.generateKeyPair();
    private static final CheckpointSigner LOG = new CheckpointSigner("ledger.citygrid.cn/log", Sm2.generateKeyPair().privateKey());
    private final List<LogEntry> entries = new ArrayList<>();
    private final Receipt receipt = build();

    private Receipt build() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        MerkleAppender appender = new MerkleAppender(TreeHasher.SM3);
        for (int i = 0; i < 6; i++) {
            RecordEnvelope env = RecordEnvelope.sign(DEVICE.privateKey(), "dev-1", DEVICE.publicKey().keyId(),
                    new FormRef("event-report", "1"), Instant.parse("2026-11-27T04:00:00Z").plusSeconds(i),
                    Map.of("clientId", UuidV7.generate(), "n", java.math.BigDecimal.valueOf(i)), List.of());
            LogEntry e = new LogEntry(env, Instant.parse("2026-11-27T05:00:00Z").plusSeconds(i));
            entries.add(e);
            store.putAll(appender.append(e.leafHash(TreeHasher.SM3)).newNodes());
        }
        String cp = LOG.sign(Checkpoint.of("ledger.citygrid.cn/log", 6, appender.root(), Instant.parse("2026-11-27T05:01:00Z")));
        return new Receipt(entries.get(4).record().recordId(), 4, MerkleProofs.inclusion(TreeHasher.SM3, store, 4, 6), cp);
    }

    @Test
    void json_hasTheDocumentedShape_andRoundTrips() {
        Map<String, Object> m = receipt.toJsonMap();
        assertThat(m.keySet()).containsExactly("recordId", "leafIndex", "inclusionProof", "checkpoint");
        assertThat((List<?>) m.get("inclusionProof")).hasSize(2).allSatisfy(h -> assertThat((String) h).hasSize(64));
        assertThat(Receipt.parse(receipt.toJson())).isEqualTo(receipt);
    }

    @Test
    void verify_forItsEntry_returnsTheSignedCheckpoint() {
        assertThat(receipt.verify(entries.get(4), LOG.verifier(), List.of()).checkpoint().size()).isEqualTo(6);
    }

    @Test
    void verify_forAnotherEntry_failsNamingTheRecord() {
        assertThatThrownBy(() -> receipt.verify(entries.get(3), LOG.verifier(), List.of()))
                .isInstanceOf(ReceiptException.class).hasMessageStartingWith("receipt.recordId: got ");
    }

    @Test
    void verify_whenProofHashAltered_fails() {
        List<byte[]> proof = receipt.inclusionProof();
        proof.get(1)[0] ^= 1;
        Receipt altered = new Receipt(receipt.recordId(), 4, proof, receipt.checkpoint());
        assertThatThrownBy(() -> altered.verify(entries.get(4), LOG.verifier(), List.of()))
                .isInstanceOf(ProofException.class);
    }

    @Test
    void parse_whenFieldsInvalid_namesThem() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Json.parse(receipt.toJson());
        m.put("inclusionProof", List.of("zz"));
        assertThatThrownBy(() -> Receipt.fromJson(m)).hasMessage("receipt.inclusionProof[0]: got 'zz', want 64 lowercase hex characters");
        m.put("inclusionProof", List.of());
        m.put("leafIndex", java.math.BigDecimal.valueOf(-1));
        assertThatThrownBy(() -> Receipt.fromJson(m)).hasMessageStartingWith("receipt.leafIndex: got -1, want 0..");
        m.put("leafIndex", java.math.BigDecimal.ONE);
        m.put("treeSize", java.math.BigDecimal.ONE);
        assertThatThrownBy(() -> Receipt.fromJson(m)).hasMessageStartingWith("receipt.treeSize: unexpected member");
        assertThatThrownBy(() -> new Receipt(Hex.encode(new byte[32]), 0, List.of(new byte[31]), "x"))
                .hasMessage("receipt.inclusionProof[0]: got 31 bytes, want 32");
    }
}
