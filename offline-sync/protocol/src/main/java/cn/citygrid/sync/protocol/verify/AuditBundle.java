package cn.citygrid.sync.protocol.verify;

import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.WitnessVerifier;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.json.JsonException;
import cn.citygrid.sync.protocol.json.JsonFields;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.LogEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to check one record with no network (layout in docs/ledger.md):
 * <pre>{"entry":{"record":…,"receivedAt":…},"deviceCertificate":PEM,"caCertificate":PEM,"receipt":{…},
 *  "logPublicKey":PEM,"logKeyName":…,"witnessKeys":[{"name":…,"publicKey":PEM}],
 *  "consistency":{"checkpoint":later signed checkpoint,"proof":[hex…]}}</pre>
 * {@code witnessKeys} and {@code consistency} are optional. Parsing checks only this outer shape; the content
 * (envelope, certificates, receipt, keys) is judged step by step by {@link OfflineVerifier}, so {@code entry}
 * and {@code receipt} stay raw JSON values here. Immutable.
 */
public record AuditBundle(Object entry, String deviceCertificate, String caCertificate, Object receipt,
                          String logPublicKey, String logKeyName, List<WitnessKey> witnessKeys,
                          Optional<LaterCheckpoint> consistency) {
    /** A witness the auditor trusts: key name and PEM public key. */
    public record WitnessKey(String name, String publicKey) {
    }

    /** A later signed checkpoint and the consistency proof (hex SM3 hashes) from the receipt's checkpoint to it. */
    public record LaterCheckpoint(String checkpoint, List<String> proof) {
        public LaterCheckpoint {
            proof = List.copyOf(proof);
        }
    }

    public AuditBundle {
        witnessKeys = List.copyOf(witnessKeys);
    }

    /** Assembles a bundle from typed parts (what the backend hands an auditor). */
    public static AuditBundle of(LogEntry entry, Sm2Certificate device, Sm2Certificate ca, Receipt receipt,
                                 NoteVerifier log, List<WitnessVerifier> witnesses, Optional<LaterCheckpoint> later) {
        List<WitnessKey> keys = witnesses.stream().map(w -> new WitnessKey(w.keyName(), w.key().toPem())).toList();
        return new AuditBundle(entry.toJsonMap(), device.toPem(), ca.toPem(), receipt.toJsonMap(), log.key().toPem(),
                log.keyName(), keys, later);
    }

    /** A {@link LaterCheckpoint} from proof hashes. */
    public static LaterCheckpoint later(String signedCheckpoint, List<byte[]> proof) {
        return new LaterCheckpoint(signedCheckpoint, proof.stream().map(Hex::encode).toList());
    }

    /**
     * Reads bundle JSON.
     *
     * @throws BundleFormatException if the text is not JSON or lacks the outer shape
     */
    public static AuditBundle parse(String json) {
        try {
            JsonFields f = JsonFields.of(Json.parse(json), "").allowOnly("entry", "deviceCertificate",
                    "caCertificate", "receipt", "logPublicKey", "logKeyName", "witnessKeys", "consistency");
            List<WitnessKey> witnesses = new ArrayList<>();
            List<Object> list = f.has("witnessKeys") ? f.array("witnessKeys") : List.of();
            for (int i = 0; i < list.size(); i++) {
                JsonFields w = JsonFields.of(list.get(i), "witnessKeys[" + i + "]").allowOnly("name", "publicKey");
                witnesses.add(new WitnessKey(w.string("name"), w.string("publicKey")));
            }
            Optional<LaterCheckpoint> later = Optional.empty();
            if (f.has("consistency")) {
                JsonFields c = f.object("consistency").allowOnly("checkpoint", "proof");
                later = Optional.of(new LaterCheckpoint(c.string("checkpoint"), c.strings("proof")));
            }
            return new AuditBundle(f.object("entry").map(), f.string("deviceCertificate"), f.string("caCertificate"),
                    f.object("receipt").map(), f.string("logPublicKey"), f.string("logKeyName"), witnesses, later);
        } catch (JsonException e) {
            throw new BundleFormatException("not an audit bundle: " + e.getMessage(), e);
        }
    }

    /** The bundle in the {@link Json} value model. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", entry);
        m.put("deviceCertificate", deviceCertificate);
        m.put("caCertificate", caCertificate);
        m.put("receipt", receipt);
        m.put("logPublicKey", logPublicKey);
        m.put("logKeyName", logKeyName);
        List<Object> keys = new ArrayList<>();
        for (WitnessKey w : witnessKeys) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("name", w.name());
            k.put("publicKey", w.publicKey());
            keys.add(k);
        }
        m.put("witnessKeys", keys);
        consistency.ifPresent(c -> {
            Map<String, Object> later = new LinkedHashMap<>();
            later.put("checkpoint", c.checkpoint());
            later.put("proof", c.proof());
            m.put("consistency", later);
        });
        return m;
    }

    public String toJson() {
        return Json.write(toJsonMap());
    }
}
