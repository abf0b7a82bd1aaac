package cn.citygrid.sync.server.attach;

import cn.citygrid.sync.protocol.crypto.Hex;

/**
 * The object names of the attachment store (docs/sync-protocol.md §4). Only the server writes {@code att/} and
 * {@code thumb/}; phones write {@code incoming/} through presigned URLs.
 */
final class ObjectKeys {
    private ObjectKeys() {
    }

    /** The verified object: its bytes hash to {@code sm3}. */
    static String verified(long account, String sm3) {
        return "att/" + account + "/" + checked(sm3);
    }

    /** Where the phone's single PUT or multipart upload lands before verification. */
    static String incoming(long account, String sm3) {
        return "incoming/" + account + "/" + checked(sm3) + "/upload";
    }

    /** A JPEG thumbnail whose longest side is at most {@code px}. */
    static String thumbnail(long account, String sm3, int px) {
        return "thumb/" + account + "/" + checked(sm3) + "/" + px + ".jpg";
    }

    /** {@code sm3} goes into object names, so it must be exactly 64 lowercase hex digits. */
    static String checked(String sm3) {
        if (!Hex.isHex(sm3, 32)) {
            throw new IllegalArgumentException("got sm3 '" + sm3 + "', want 64 lowercase hex digits");
        }
        return sm3;
    }
}
