package cn.citygrid.sync.protocol.placecode;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2PrivateKey;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.json.Jcs;
import cn.citygrid.sync.protocol.json.Json;
import cn.citygrid.sync.protocol.json.JsonException;
import cn.citygrid.sync.protocol.json.JsonFields;
import cn.citygrid.sync.protocol.placecode.PlaceCodeCheck.Why;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Signed house/place QR payloads: {@code CG1.<base64url(JCS(payload))>.<base64url(DER SM2 signature)>}, base64url
 * without padding. The signature is SM3withSM2 (user ID 1234567812345678) over the ASCII text before the second
 * dot, {@code "CG1." + payload segment}, so the version prefix is signed too. Verification needs no network:
 * only the trusted keys by key id.
 */
public final class PlaceCodes {
    public static final String PREFIX = "CG1.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private PlaceCodes() {
    }

    /** Signs {@code code}; {@code key} must be the key named by {@code code.keyId()}. */
    public static String issue(Sm2PrivateKey key, PlaceCode code) {
        String kid = key.publicKey().keyId();
        if (!kid.equals(code.keyId())) {
            throw new IllegalArgumentException("got kid " + code.keyId() + ", want " + kid + " (id of the signing key)");
        }
        String signed = PREFIX + B64.encodeToString(Jcs.bytes(code.toJsonMap()));
        byte[] sig = Sm2.sign(key, Sm2.DEFAULT_USER_ID, signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + B64.encodeToString(sig);
    }

    /** Reads and verifies a scanned code against the trusted keys ({@code keys} maps key id → key). */
    public static PlaceCodeCheck verify(String text, Function<String, Optional<Sm2PublicKey>> keys) {
        return verify(text, keys, kid -> false);
    }

    /**
     * As {@link #verify(String, Function)}, and a code whose key id is {@code retired} is refused as
     * {@link Why#RETIRED_KEY} (its label must be reprinted) whatever {@code keys} holds for it.
     */
    public static PlaceCodeCheck verify(String text, Function<String, Optional<Sm2PublicKey>> keys, Predicate<String> retired) {
        try {
            return new PlaceCodeCheck.Valid(read(text, keys, retired));
        } catch (Refusal r) {
            return new PlaceCodeCheck.Refused(r.why, r.getMessage());
        }
    }

    private static PlaceCode read(String text, Function<String, Optional<Sm2PublicKey>> keys, Predicate<String> retired) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new Refusal(Why.NOT_OURS, "not a CityGrid code: want prefix " + PREFIX);
        }
        String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            throw new Refusal(Why.MALFORMED, "malformed code: got " + parts.length + " segments after CG1., want 2");
        }
        byte[] payload = base64url(parts[0], "payload");
        byte[] sig = base64url(parts[1], "signature");
        PlaceCode code = payload(payload);
        if (retired.test(code.keyId())) {
            throw new Refusal(Why.RETIRED_KEY, "signed by key " + code.keyId() + ", which the platform retired: the label must be"
                    + " reprinted");
        }
        Sm2PublicKey key = keys.apply(code.keyId()).orElseThrow(() ->
                new Refusal(Why.UNKNOWN_KEY, "signed by unknown key " + code.keyId() + ": not one of the trusted code keys"));
        byte[] signed = (PREFIX + parts[0]).getBytes(StandardCharsets.US_ASCII);
        if (!Sm2.verify(key, Sm2.DEFAULT_USER_ID, signed, sig)) {
            throw new Refusal(Why.FORGED, "signature does not verify under key " + code.keyId() + ": code altered or forged");
        }
        return code;
    }

    private static PlaceCode payload(byte[] bytes) {
        Object json;
        try {
            json = Json.parse(bytes);
        } catch (JsonException e) {
            throw new Refusal(Why.MALFORMED, "payload is not JSON: " + e.getMessage());
        }
        if (!Arrays.equals(Jcs.bytes(json), bytes)) {
            throw new Refusal(Why.MALFORMED, "payload is not in canonical (JCS) form");
        }
        try {
            JsonFields f = JsonFields.of(json, "payload").allowOnly("t", "id", "issued", "kid");
            String t = f.string("t");
            PlaceCode.Kind kind = Arrays.stream(PlaceCode.Kind.values()).filter(k -> k.json().equals(t)).findFirst()
                    .orElseThrow(() -> new Refusal(Why.MALFORMED, "payload.t: got '" + t + "', want house or place"));
            return new PlaceCode(kind, f.string("id"), LocalDate.parse(f.string("issued")), f.string("kid"));
        } catch (JsonException | IllegalArgumentException | DateTimeParseException e) {
            throw new Refusal(Why.MALFORMED, "payload: " + e.getMessage());
        }
    }

    private static byte[] base64url(String segment, String what) {
        try {
            byte[] out = Base64.getUrlDecoder().decode(segment);
            if (out.length == 0 || !B64.encodeToString(out).equals(segment)) {
                throw new IllegalArgumentException("not canonical");
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new Refusal(Why.MALFORMED, "malformed code: " + what + " segment is not unpadded base64url");
        }
    }

    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final Why why;

        Refusal(Why why, String reason) {
            super(reason, null, false, false);
            this.why = why;
        }
    }
}
