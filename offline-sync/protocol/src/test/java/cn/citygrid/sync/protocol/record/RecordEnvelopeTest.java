package cn.citygrid.sync.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.json.Jcs;
import cn.citygrid.sync.protocol.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordEnvelopeTest {
    private static final Sm2KeyPair DEVICE = Sm2.generateKeyPair();
    private static final Instant CAPTURED = Instant.parse("2026-11-27T04:45:07.123Z");
    private static final FormRef FORM = new FormRef("household-visit", "2026112701");
    private static final AttachmentRef PHOTO = new AttachmentRef("p1.jpg", "image/jpeg", 12345, Sm3.hex(new byte[] {1}));

    static Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("residents", new BigDecimal("3"));
        p.put("headName", "张三");
        p.put("area", new BigDecimal("86.5"));
        p.put("clientId", UuidV7.generate());
        return p;
    }

    static RecordEnvelope signed(Map<String, Object> payload) {
        return RecordEnvelope.sign(DEVICE.privateKey(), "dev-0042", DEVICE.publicKey().keyId(), FORM, CAPTURED, payload,
                List.of(PHOTO));
    }

    private static String mutate(RecordEnvelope e, String member, Object value) {
        Map<String, Object> m = e.toJsonMap();
        m.put(member, value);
        return Json.write(m);
    }

    @Test
    void sign_thenParse_roundTripsAndVerifies() {
        RecordEnvelope e = signed(payload());
        RecordEnvelope parsed = RecordEnvelope.parse(e.toJson());
        assertThat(parsed).isEqualTo(e);
        assertThat(parsed.canonicalBytes()).isEqualTo(e.canonicalBytes());
        assertThatCode(() -> parsed.verify(DEVICE.publicKey())).doesNotThrowAnyException();
    }

    @Test
    void toJson_hasExactlyTheDocumentedShape() {
        RecordEnvelope e = signed(payload());
        assertThat(e.toJsonMap().keySet()).containsExactly("v", "form", "deviceId", "keyId", "capturedAt", "payload",
                "attachments", "recordId", "sig");
        assertThat(e.toJson()).startsWith("{\"attachments\":[{\"mediaType\":\"image/jpeg\",\"name\":\"p1.jpg\",\"size\":12345,")
                .contains("\"capturedAt\":\"2026-11-27T04:45:07.123Z\"")
                .contains("\"form\":{\"id\":\"household-visit\",\"version\":\"2026112701\"}")
                .endsWith(",\"v\":1}");
    }

    @Test
    void recordId_isSm3OfJcsOfPayload_independentOfMemberOrder() {
        Map<String, Object> p = payload();
        RecordEnvelope e = signed(p);
        assertThat(e.recordId()).isEqualTo(Sm3.hex(Jcs.bytes(p)));
        Map<String, Object> reordered = new LinkedHashMap<>();
        List.of("clientId", "area", "headName", "residents").forEach(k -> reordered.put(k, p.get(k)));
        assertThat(signed(reordered).recordId()).isEqualTo(e.recordId());
    }

    @Test
    void signature_coversJcsOfEnvelopeWithoutSig() {
        RecordEnvelope e = signed(payload());
        Map<String, Object> m = e.toJsonMap();
        m.remove("sig");
        assertThat(e.signingInput()).isEqualTo(Jcs.bytes(m));
        byte[] der = java.util.Base64.getDecoder().decode(e.sig());
        assertThat(Sm2.verify(DEVICE.publicKey(), Sm2.DEFAULT_USER_ID, Jcs.bytes(m), der)).isTrue();
    }

    @Test
    void verify_whenPayloadEdited_failsAtRecordId() {
        RecordEnvelope e = signed(payload());
        Map<String, Object> p = new LinkedHashMap<>(e.payload());
        p.put("residents", new BigDecimal("4"));
        RecordEnvelope edited = RecordEnvelope.parse(mutate(e, "payload", p));
        assertThatThrownBy(() -> edited.verify(DEVICE.publicKey())).isInstanceOf(EnvelopeException.class)
                .hasMessageStartingWith("recordId: got " + e.recordId() + ", want ");
    }

    @Test
    void verify_whenPayloadAndRecordIdBothEdited_failsAtSignature() {
        RecordEnvelope e = signed(payload());
        Map<String, Object> p = new LinkedHashMap<>(e.payload());
        p.put("residents", new BigDecimal("4"));
        Map<String, Object> m = e.toJsonMap();
        m.put("payload", p);
        m.put("recordId", RecordEnvelope.recordIdOf(p));
        RecordEnvelope forged = RecordEnvelope.fromJson(m);
        assertThatThrownBy(() -> forged.verify(DEVICE.publicKey())).hasMessageStartingWith("sig: does not verify");
    }

    @Test
    void verify_whenSigBitFlipped_fails() {
        RecordEnvelope e = signed(payload());
        byte[] der = java.util.Base64.getDecoder().decode(e.sig());
        der[der.length - 1] ^= 1;
        RecordEnvelope flipped = RecordEnvelope.parse(mutate(e, "sig", java.util.Base64.getEncoder().encodeToString(der)));
        assertThatThrownBy(() -> flipped.verifySignature(DEVICE.publicKey())).hasMessageStartingWith("sig: does not verify");
    }

    @Test
    void verify_withAnotherKey_failsAtKeyId() {
        RecordEnvelope e = signed(payload());
        var other = Sm2.generateKeyPair().publicKey();
        assertThatThrownBy(() -> e.verify(other)).hasMessage("keyId: got " + e.keyId() + ", want " + other.keyId()
                + " (id of the given key)");
    }

    @Test
    void sign_whenKeyIdIsNotTheSigningKeys_fails() {
        String wrong = Sm2.generateKeyPair().publicKey().keyId();
        assertThatThrownBy(() -> RecordEnvelope.sign(DEVICE.privateKey(), "dev-1", wrong, FORM, CAPTURED, payload(),
                List.of())).hasMessageStartingWith("got keyId " + wrong + ", want " + DEVICE.publicKey().keyId());
    }

    @Test
    void parse_whenMemberInvalid_namesTheField() {
        RecordEnvelope e = signed(payload());
        Map<String, Object> noClient = new LinkedHashMap<>(e.payload());
        noClient.remove("clientId");
        Map<String, Object> v4Client = new LinkedHashMap<>(e.payload());
        v4Client.put("clientId", "0b7c1c7e-8f43-4c5e-9a7e-1f3e2d4c5b6a");
        Map<String, Object> inexact = new LinkedHashMap<>(e.payload());
        inexact.put("idNumber", new BigDecimal("110101199003074578"));
        assertParseFails(mutate(e, "payload", noClient), "payload.clientId: got null, want a UUIDv7");
        assertParseFails(mutate(e, "payload", v4Client), "payload.clientId: got '0b7c1c7e-8f43-4c5e-9a7e-1f3e2d4c5b6a'");
        assertParseFails(mutate(e, "payload", inexact), "payload.idNumber: got 110101199003074578, which canonicalizes to 110101199003074580");
        assertParseFails(mutate(e, "v", new BigDecimal(2)), "v: got 2, want 1");
        assertParseFails(mutate(e, "extra", "x"), "extra: unexpected member");
        assertParseFails(mutate(e, "keyId", e.keyId().toUpperCase()), "keyId: got '" + e.keyId().toUpperCase() + "'");
        assertParseFails(mutate(e, "capturedAt", "2026-11-27T04:45:07Z"), "capturedAt: got '2026-11-27T04:45:07Z', want UTC time");
        assertParseFails(mutate(e, "capturedAt", "2026-02-30T04:45:07.123Z"), "capturedAt: got '2026-02-30T04:45:07.123Z', want a real date-time");
        assertParseFails(mutate(e, "form", Map.of("id", "x", "version", BigDecimal.ONE)), "form.version: got number, want string");
        assertParseFails(mutate(e, "deviceId", "bad id"), "deviceId: got 'bad id'");
        assertParseFails(mutate(e, "recordId", "abc"), "recordId: got 'abc', want 64 lowercase hex characters");
        assertParseFails(mutate(e, "sig", "not base64!"), "sig: got non-base64 text");
        assertParseFails(mutate(e, "sig", "AAAA"), "sig: got 3 bytes in non-canonical or odd base64");
        assertParseFails(mutate(e, "deviceId", null), "deviceId: got null, want a value");
        assertParseFails("{\"v\":1", "envelope is not JSON: ");
    }

    @Test
    void parse_whenAttachmentInvalid_namesIndexAndField() {
        RecordEnvelope e = signed(payload());
        Map<String, Object> bad = new LinkedHashMap<>(Map.of("name", "a.jpg", "mediaType", "image/jpeg",
                "size", BigDecimal.ONE, "sm3", "XYZ"));
        assertParseFails(mutate(e, "attachments", List.of(bad)), "attachments[0].sm3: got 'XYZ', want 64 lowercase hex");
        Map<String, Object> good = PHOTO.toJsonMap();
        assertParseFails(mutate(e, "attachments", List.of(good, good)), "attachments[1].name: got duplicate 'p1.jpg'");
        Map<String, Object> negative = new LinkedHashMap<>(good);
        negative.put("size", new BigDecimal(-1));
        assertParseFails(mutate(e, "attachments", List.of(negative)), "attachments[0].size: got -1, want 0..");
    }

    private static void assertParseFails(String json, String messageStart) {
        assertThatThrownBy(() -> RecordEnvelope.parse(json)).isInstanceOf(EnvelopeException.class)
                .hasMessageStartingWith(messageStart);
    }

    @Test
    void payload_isDeeplyImmutable() {
        Map<String, Object> p = payload();
        List<Object> list = new java.util.ArrayList<>(List.of("a"));
        p.put("list", list);
        RecordEnvelope e = signed(p);
        assertThatThrownBy(() -> e.payload().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) e.payload().get("list")).clear()).isInstanceOf(UnsupportedOperationException.class);
        list.add("b");
        assertThat((List<?>) e.payload().get("list")).hasSize(1);
    }
}
