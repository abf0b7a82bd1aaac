package cn.citygrid.sync.protocol.crypto;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * SM4 keys by id: one active key seals, any held key opens (chosen by the id inside the envelope).
 *
 * <p>Invariants: at least one key; every key is 16 bytes; every id is 1..255 UTF-8 bytes; the active id is held.
 * Immutable and thread-safe (keys are copied in and never handed out). Rotation = a new ring with a new active
 * id that still holds the old keys until every value sealed under them is re-sealed.
 */
public final class KeyRing {
    private final Map<String, byte[]> keys;
    private final String activeKeyId;

    private KeyRing(Map<String, byte[]> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /**
     * A ring of {@code keys} sealing with {@code activeKeyId}.
     *
     * @throws IllegalArgumentException if a precondition in the class comment does not hold
     */
    public static KeyRing of(Map<String, byte[]> keys, String activeKeyId) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            Sm4Gcm.header(id);
            if (key.length != Sm4Gcm.KEY_SIZE) {
                throw new IllegalArgumentException("key '" + id + "': got " + key.length + " bytes, want 16");
            }
            copy.put(id, key.clone());
        });
        if (!copy.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("got active key id '" + activeKeyId + "', want one of " + copy.keySet());
        }
        return new KeyRing(copy, activeKeyId);
    }

    /** Seals under the active key with no AAD. */
    public byte[] seal(byte[] plaintext) {
        return seal(plaintext, new byte[0]);
    }

    /** Seals under the active key; {@code aad} (e.g. table + column + row id) must be given again to open. */
    public byte[] seal(byte[] plaintext, byte[] aad) {
        return Sm4Gcm.seal(activeKeyId, keys.get(activeKeyId), plaintext, aad);
    }

    /** Opens a value sealed with no AAD. */
    public byte[] open(byte[] sealed) {
        return open(sealed, new byte[0]);
    }

    /**
     * Opens a value with the key its envelope names.
     *
     * @throws UnknownKeyException if the ring does not hold that key id
     * @throws CryptoException     if the envelope is malformed or does not authenticate
     */
    public byte[] open(byte[] sealed, byte[] aad) {
        String keyId = Sm4Gcm.keyIdOf(sealed);
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new UnknownKeyException(keyId, "sealed value names SM4 key id '" + keyId
                    + "', which this key ring does not hold (it holds " + keys.keySet() + ")");
        }
        return Sm4Gcm.open(key, sealed, aad);
    }

    /** The id new values are sealed under. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Ids of every held key. */
    public Set<String> keyIds() {
        return Collections.unmodifiableSet(keys.keySet());
    }
}
