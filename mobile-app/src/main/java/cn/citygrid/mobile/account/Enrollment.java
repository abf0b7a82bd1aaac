package cn.citygrid.mobile.account;

import cn.citygrid.mobile.api.JsonView;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Device enrollment (docs/ledger.md §13): the phone's public key goes to {@code POST /api/v1/devices}; the device
 * is {@code pending} until a supervisor approves it; {@code GET /api/v1/devices/{id}} tells its state. Blocking.
 */
public final class Enrollment {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Enrollment() {
    }

    /** A fresh device id: {@code m-} and 16 hex digits (the server wants 8–64 of [A-Za-z0-9._-]). */
    public static String newDeviceId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return "m-" + HexFormat.of().formatHex(b);
    }

    /** Asks for enrollment; returns the state the server recorded ({@code pending}). */
    public static String enroll(Session session, String deviceId, Sm2PublicKey key, String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deviceId", deviceId);
        body.put("publicKey", key.toPem());
        body.put("label", label);
        return JsonView.text(JsonView.object(session.post("/api/v1/devices", body)), "status");
    }

    /** The device's state now: pending, approved, rejected or revoked. */
    public static String status(Session session, String deviceId) {
        return JsonView.text(JsonView.object(session.get("/api/v1/devices/" + deviceId)), "status");
    }
}
