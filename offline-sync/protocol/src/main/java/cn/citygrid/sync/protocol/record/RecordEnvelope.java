package cn.citygrid.sync.protocol.record;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.json.Jcs;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.json.JsonException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A signed field record, the unit phone and server exchange (layout in docs/ledger.md):
 * <pre>{"v":1,"form":{"id":…,"version":…},"deviceId":…,"keyId":…,"capturedAt":…,"payload":{…,"clientId":…},
 *  "attachments":[{"name":…,"mediaType":…,"size":…,"sm3":…}],"recordId":…,"sig":…}</pre>
 *
 * <p>Invariants of every instance (checked on construction, whether signed here or parsed): the shape above
 * with no other members; {@code payload.clientId} is a UUIDv7; payload numbers are exact as doubles;
 * {@code keyId}/{@code recordId} are 32/64 lowercase hex; {@code sig} is canonical base64. Whether
 * {@code recordId = hex(SM3(JCS(payload)))} and whether the signature verifies are NOT invariants — a parsed
 * envelope may be forged — and are checked by {@link #verify(Sm2PublicKey)}.
 *
 * <p>Signature: SM3withSM2, user ID {@link Sm2#DEFAULT_USER_ID}, DER, over the UTF-8 JCS of the envelope
 * without its {@code sig} member. Immutable.
 */
public record RecordEnvelope(FormRef form, String deviceId, String keyId, Instant capturedAt,
                             Map<String, Object> payload, List<AttachmentRef> attachments, String recordId,
                             String sig) {
    /** The only envelope version, member {@code "v"}. */
    public static final int VERSION = 1;

    /** Checks the invariants in the class comment and takes deep immutable copies. */
    public RecordEnvelope {
        if (form == null || capturedAt == null) {
            throw new EnvelopeException((form == null ? "form" : "capturedAt") + ": missing, want a value");
        }
        EnvelopeReader.checkFields(deviceId, keyId, recordId, sig);
        capturedAt = capturedAt.truncatedTo(ChronoUnit.MILLIS);
        payload = EnvelopeReader.checkedPayload(payload);
        attachments = EnvelopeReader.checkedAttachments(attachments);
    }

    /** Builds and signs an envelope; {@code keyId} must be the id of {@code key}'s public key. */
    public static RecordEnvelope sign(Sm2PrivateKey key, String deviceId, String keyId, FormRef form,
                                      Instant capturedAt, Map<String, Object> payload,
                                      List<AttachmentRef> attachments) {
        String derived = key.publicKey().keyId();
        if (!derived.equals(keyId)) {
            throw new IllegalArgumentException("got keyId " + keyId + ", want " + derived + " (id of the signing key)");
        }
        Map<String, Object> m = unsignedMap(form, deviceId, keyId, Timestamps.format(capturedAt), payload,
                attachments, recordIdOf(payload));
        byte[] sig = Sm2.sign(key, Sm2.DEFAULT_USER_ID, Jcs.bytes(m));
        m.put("sig", Base64.getEncoder().encodeToString(sig));
        return fromJson(m);
    }

    /**
     * Parses envelope JSON strictly.
     *
     * @throws EnvelopeException naming the first offending field
     */
    public static RecordEnvelope parse(String json) {
        try {
            return fromJson(Json.parse(json));
        } catch (JsonException e) {
            throw new EnvelopeException("envelope is not JSON: " + e.getMessage(), e);
        }
    }

    /** Validates an already parsed JSON value (see {@link Json}). */
    public static RecordEnvelope fromJson(Object json) {
        return EnvelopeReader.read(json);
    }

    /** {@code hex(SM3(JCS(payload)))}. */
    public static String recordIdOf(Map<String, Object> payload) {
        return Sm3.hex(Jcs.bytes(payload));
    }

    /** Checks {@code recordId = hex(SM3(JCS(payload)))}; throws {@link EnvelopeException} if not. */
    public void verifyRecordId() {
        String computed = recordIdOf(payload);
        if (!computed.equals(recordId)) {
            throw new EnvelopeException("recordId: got " + recordId + ", want " + computed + " = SM3(JCS(payload))");
        }
    }

    /** Checks the SM2 signature by {@code key}; throws {@link EnvelopeException} if it does not verify. */
    public void verifySignature(Sm2PublicKey key) {
        byte[] der = Base64.getDecoder().decode(sig);
        if (!Sm2.verify(key, Sm2.DEFAULT_USER_ID, signingInput(), der)) {
            throw new EnvelopeException("sig: does not verify under key " + key.keyId()
                    + " over JCS(envelope without sig)");
        }
    }

    /** Checks keyId = id of {@code key}, the record id, and the signature, in that order. */
    public void verify(Sm2PublicKey key) {
        if (!keyId.equals(key.keyId())) {
            throw new EnvelopeException("keyId: got " + keyId + ", want " + key.keyId() + " (id of the given key)");
        }
        verifyRecordId();
        verifySignature(key);
    }

    /** UTF-8 JCS of the envelope without {@code sig}: the signed bytes. */
    public byte[] signingInput() {
        return Jcs.bytes(unsignedMap(form, deviceId, keyId, Timestamps.format(capturedAt), payload, attachments,
                recordId));
    }

    /** UTF-8 JCS of the whole envelope. */
    public byte[] canonicalBytes() {
        return Jcs.bytes(toJsonMap());
    }

    /** The envelope as canonical JSON text. */
    public String toJson() {
        return new String(canonicalBytes(), StandardCharsets.UTF_8);
    }

    /** The envelope in the {@link Json} value model (a fresh mutable map in the documented member order). */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = unsignedMap(form, deviceId, keyId, Timestamps.format(capturedAt), payload,
                attachments, recordId);
        m.put("sig", sig);
        return m;
    }

    private static Map<String, Object> unsignedMap(FormRef form, String deviceId, String keyId, String capturedAt,
                                                   Map<String, Object> payload, List<AttachmentRef> attachments,
                                                   String recordId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", BigDecimal.valueOf(VERSION));
        m.put("form", form.toJsonMap());
        m.put("deviceId", deviceId);
        m.put("keyId", keyId);
        m.put("capturedAt", capturedAt);
        m.put("payload", payload);
        List<Object> list = new ArrayList<>();
        attachments.forEach(a -> list.add(a.toJsonMap()));
        m.put("attachments", list);
        m.put("recordId", recordId);
        return m;
    }
}
