package cn.citygrid.sync.protocol.receipt;

import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointVerifier;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.VerifiedCheckpoint;
import cn.citygrid.sync.protocol.checkpoint.WitnessVerifier;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.json.JsonException;
import cn.citygrid.sync.protocol.json.JsonFields;
import cn.citygrid.sync.protocol.merkle.MerkleVerifier;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import cn.citygrid.sync.protocol.record.LogEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log's acknowledgement of a record: where it sits and a proof to a signed checkpoint. JSON form:
 * <pre>{"recordId":"&lt;64 hex&gt;","leafIndex":17,"inclusionProof":["&lt;64 hex&gt;",…],
 *  "checkpoint":"&lt;signed note text, witness cosignatures included&gt;"}</pre>
 * Proof hashes are SM3 tree nodes, lowest level first (RFC 9162). Invariants: recordId 64 lowercase hex,
 * leafIndex >= 0, every proof hash 32 bytes. Immutable.
 */
public record Receipt(String recordId, long leafIndex, List<byte[]> inclusionProof, String checkpoint) {
    public Receipt {
        if (!Hex.isHex(recordId, 32)) {
            throw new ReceiptException("receipt.recordId: got '" + recordId + "', want 64 lowercase hex characters");
        }
        if (leafIndex < 0) {
            throw new ReceiptException("receipt.leafIndex: got " + leafIndex + ", want >= 0");
        }
        List<byte[]> copy = new ArrayList<>();
        for (int i = 0; i < inclusionProof.size(); i++) {
            if (inclusionProof.get(i).length != 32) {
                throw new ReceiptException("receipt.inclusionProof[" + i + "]: got " + inclusionProof.get(i).length
                        + " bytes, want 32");
            }
            copy.add(inclusionProof.get(i).clone());
        }
        inclusionProof = List.copyOf(copy);
        if (checkpoint == null || checkpoint.isEmpty()) {
            throw new ReceiptException("receipt.checkpoint: missing, want signed checkpoint text");
        }
    }

    @Override
    public List<byte[]> inclusionProof() {
        return inclusionProof.stream().map(byte[]::clone).toList();
    }

    /** Strictly validates the JSON form (see class comment). */
    public static Receipt fromJson(Object json) {
        try {
            JsonFields f = JsonFields.of(json, "receipt").allowOnly("recordId", "leafIndex", "inclusionProof", "checkpoint");
            List<byte[]> proof = new ArrayList<>();
            List<String> hexes = f.strings("inclusionProof");
            for (int i = 0; i < hexes.size(); i++) {
                if (!Hex.isHex(hexes.get(i), 32)) {
                    throw new ReceiptException("receipt.inclusionProof[" + i + "]: got '" + hexes.get(i)
                            + "', want 64 lowercase hex characters");
                }
                proof.add(Hex.decode(hexes.get(i)));
            }
            return new Receipt(f.string("recordId"), f.integer("leafIndex", 0, Long.MAX_VALUE), proof,
                    f.string("checkpoint"));
        } catch (JsonException e) {
            throw new ReceiptException(e.getMessage());
        }
    }

    /** Parses JSON text. */
    public static Receipt parse(String json) {
        try {
            return fromJson(Json.parse(json));
        } catch (JsonException e) {
            throw new ReceiptException("receipt is not JSON: " + e.getMessage());
        }
    }

    /** The JSON form in the {@link Json} value model. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recordId", recordId);
        m.put("leafIndex", BigDecimal.valueOf(leafIndex));
        m.put("inclusionProof", inclusionProof.stream().map(Hex::encode).toList());
        m.put("checkpoint", checkpoint);
        return m;
    }

    public String toJson() {
        return Json.write(toJsonMap());
    }

    /**
     * What a phone checks when the receipt arrives: it is for this entry's record, the checkpoint is signed by
     * the log (witness lines verified if their keys are given), and the entry's SM3 leaf hash is included at
     * leafIndex under the checkpoint root.
     *
     * @throws ReceiptException or a {@code NoteException}/{@code ProofException} naming what failed
     */
    public VerifiedCheckpoint verify(LogEntry entry, NoteVerifier log, List<WitnessVerifier> witnesses) {
        if (!entry.record().recordId().equals(recordId)) {
            throw new ReceiptException("receipt.recordId: got " + recordId + ", want the entry's "
                    + entry.record().recordId());
        }
        VerifiedCheckpoint verified = CheckpointVerifier.verify(checkpoint, log, witnesses);
        Checkpoint c = verified.checkpoint();
        MerkleVerifier.verifyInclusion(TreeHasher.SM3, leafIndex, c.size(), entry.leafHash(TreeHasher.SM3),
                inclusionProof, c.root());
        return verified;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Receipt r && r.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }
}
