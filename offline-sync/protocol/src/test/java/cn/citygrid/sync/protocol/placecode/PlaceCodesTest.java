package cn.citygrid.sync.protocol.placecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlaceCodesTest {
    private static final Sm2KeyPair KEYS = Sm2.generateKeyPair();
    private static final Function<String, Optional<Sm2PublicKey>> TRUSTED =
            kid -> Optional.ofNullable(Map.of(KEYS.publicKey().keyId(), KEYS.publicKey()).get(kid));
    private static final PlaceCode HOUSE = new PlaceCode(PlaceCode.Kind.HOUSE, "H-310104-0012-0301",
            LocalDate.of(2026, 11, 27), KEYS.publicKey().keyId());
    private final String code = PlaceCodes.issue(KEYS.privateKey(), HOUSE);

    private static String segment(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The refusal's detail, after checking it is refused for {@code why}. */
    private static String refusal(String text, PlaceCodeCheck.Why why) {
        PlaceCodeCheck check = PlaceCodes.verify(text, TRUSTED);
        assertThat(check).isInstanceOfSatisfying(PlaceCodeCheck.Refused.class, r -> assertThat(r.why()).isEqualTo(why));
        return ((PlaceCodeCheck.Refused) check).reason();
    }

    @Test
    void issue_thenVerify_returnsTheCode() {
        assertThat(code).startsWith("CG1.").hasSizeLessThan(300).matches("CG1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(PlaceCodes.verify(code, TRUSTED)).isEqualTo(new PlaceCodeCheck.Valid(HOUSE));
    }

    @Test
    void payloadSegment_isBase64urlOfJcs() {
        String payload = code.split("\\.")[1];
        assertThat(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":\"H-310104-0012-0301\",\"issued\":\"2026-11-27\",\"kid\":\"" + KEYS.publicKey().keyId()
                        + "\",\"t\":\"house\"}");
    }

    @Test
    void verify_whenIdAltered_refusesOnSignature() {
        String json = "{\"id\":\"H-310104-0012-0302\",\"issued\":\"2026-11-27\",\"kid\":\"" + KEYS.publicKey().keyId()
                + "\",\"t\":\"house\"}";
        String altered = "CG1." + segment(json) + "." + code.split("\\.")[2];
        assertThat(refusal(altered, PlaceCodeCheck.Why.FORGED)).isEqualTo("signature does not verify under key " + KEYS.publicKey().keyId()
                + ": code altered or forged");
    }

    @Test
    void verify_whenForgedWithAnotherKeyClaimingTheTrustedKid_refuses() {
        Sm2KeyPair forger = Sm2.generateKeyPair();
        String forgedPayload = code.substring(0, code.lastIndexOf('.'));
        byte[] sig = Sm2.sign(forger.privateKey(), Sm2.DEFAULT_USER_ID, forgedPayload.getBytes(StandardCharsets.US_ASCII));
        String forged = forgedPayload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        assertThat(refusal(forged, PlaceCodeCheck.Why.FORGED)).contains("code altered or forged");
    }

    @Test
    void verify_whenSignedByUnknownKey_refuses() {
        Sm2KeyPair other = Sm2.generateKeyPair();
        String foreign = PlaceCodes.issue(other.privateKey(), new PlaceCode(PlaceCode.Kind.PLACE, "P-1",
                LocalDate.of(2026, 1, 1), other.publicKey().keyId()));
        assertThat(refusal(foreign, PlaceCodeCheck.Why.UNKNOWN_KEY)).isEqualTo("signed by unknown key " + other.publicKey().keyId()
                + ": not one of the trusted code keys");
    }

    @Test
    void verify_whenTheKeyIsRetired_refusesAsRetired_evenThoughTheKeyIsStillKnown() {
        String kid = KEYS.publicKey().keyId();
        assertThat(PlaceCodes.verify(code, TRUSTED, kid::equals)).isInstanceOfSatisfying(PlaceCodeCheck.Refused.class, r -> {
            assertThat(r.why()).isEqualTo(PlaceCodeCheck.Why.RETIRED_KEY);
            assertThat(r.reason()).isEqualTo("signed by key " + kid + ", which the platform retired: the label must be reprinted");
        });
        assertThat(PlaceCodes.verify(code, TRUSTED, other -> false)).as("another key retired").isEqualTo(new PlaceCodeCheck.Valid(HOUSE));
    }

    @Test
    void verify_whenMalformed_refusesWithTheReason() {
        String sig = code.split("\\.")[2];
        assertThat(refusal("https://example.com/x", PlaceCodeCheck.Why.NOT_OURS)).isEqualTo("not a CityGrid code: want prefix CG1.");
        assertThat(refusal("CG1.abc", PlaceCodeCheck.Why.MALFORMED)).isEqualTo("malformed code: got 1 segments after CG1., want 2");
        assertThat(refusal("CG1.a=b.c", PlaceCodeCheck.Why.MALFORMED)).isEqualTo("malformed code: payload segment is not unpadded base64url");
        assertThat(refusal("CG1." + segment("not json") + "." + sig, PlaceCodeCheck.Why.MALFORMED)).startsWith("payload is not JSON: ");
        assertThat(refusal("CG1." + segment("{ \"t\":\"house\"}") + "." + sig, PlaceCodeCheck.Why.MALFORMED)).isEqualTo("payload is not in canonical (JCS) form");
        assertThat(refusal("CG1." + segment("{\"id\":\"x\",\"issued\":\"2026-11-27\",\"kid\":\"" + KEYS.publicKey().keyId()
                + "\",\"t\":\"shop\"}") + "." + sig, PlaceCodeCheck.Why.MALFORMED)).isEqualTo("payload.t: got 'shop', want house or place");
        assertThat(refusal("CG1." + segment("{\"id\":\"x\",\"issued\":\"2026-02-30\",\"kid\":\"" + KEYS.publicKey().keyId()
                + "\",\"t\":\"house\"}") + "." + sig, PlaceCodeCheck.Why.MALFORMED)).startsWith("payload: Text '2026-02-30' could not be parsed");
        assertThat(refusal("CG1." + segment("{\"id\":\"x\",\"t\":\"house\"}") + "." + sig, PlaceCodeCheck.Why.MALFORMED)).isEqualTo("payload: payload.issued: missing, want a value");
    }

    @Test
    void issue_whenKidIsNotTheSigningKeys_fails() {
        PlaceCode wrong = new PlaceCode(PlaceCode.Kind.PLACE, "P-1", LocalDate.of(2026, 1, 1),
                Sm2.generateKeyPair().publicKey().keyId());
        assertThatThrownBy(() -> PlaceCodes.issue(KEYS.privateKey(), wrong)).hasMessageStartingWith("got kid ");
    }
}
