package cn.citygrid.sync.protocol.crypto;

/** An SM2 private key and its public key; {@code publicKey} is always the key derived from {@code privateKey}. */
public record Sm2KeyPair(Sm2PrivateKey privateKey, Sm2PublicKey publicKey) {
    /** Pairs a private key with its derived public key. */
    public static Sm2KeyPair of(Sm2PrivateKey privateKey) {
        return new Sm2KeyPair(privateKey, privateKey.publicKey());
    }
}
