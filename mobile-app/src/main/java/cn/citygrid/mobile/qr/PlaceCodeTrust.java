package cn.citygrid.mobile.qr;

import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.sync.client.pull.Replica;
import cn.citygrid.sync.protocol.crypto.CryptoException;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.placecode.PlaceCodeCheck;
import cn.citygrid.sync.protocol.placecode.PlaceCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies scanned house and place codes offline (docs/ledger.md §12) against the keys the app trusts: those
 * pinned in its configuration and the {@code placecode-key} entities the sync feed delivered, less every key the
 * feed says was retired ({@code validUntil} set) — pinned or not. Nothing is fetched at scan time, so a forged or
 * altered code, or one signed with a retired (leaked) key, is refused without network.
 */
public final class PlaceCodeTrust {
    private final List<Sm2PublicKey> pinned;
    private final Replica replica;

    /** {@code replica} may be null (citizen mode: pinned keys only). */
    public PlaceCodeTrust(List<Sm2PublicKey> pinned, Replica replica) {
        this.pinned = List.copyOf(pinned);
        this.replica = replica;
    }

    /** Valid, or refused with the reason; a code whose key was retired says so (its label must be reprinted). */
    public PlaceCodeCheck verify(String scanned) {
        return PlaceCodes.verify(scanned == null ? null : scanned.trim(), keyId -> {
            Optional<Sm2PublicKey> p = pinned.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
            return p.isPresent() ? p : synced(keyId).flatMap(PlaceCodeTrust::publicKey);
        }, keyId -> synced(keyId).map(k -> k.get("validUntil") != null).orElse(false));
    }

    private Optional<Map<String, Object>> synced(String keyId) {
        return replica == null ? Optional.empty() : replica.get("placecode-key", keyId);
    }

    private static Optional<Sm2PublicKey> publicKey(Map<String, Object> entity) {
        try {
            return Optional.of(Sm2PublicKey.fromPem(text(entity, "publicKey")));
        } catch (CryptoException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
