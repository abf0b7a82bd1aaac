package cn.citygrid.sync.server.attach;

/**
 * What a phone asks a slot for (docs/sync-protocol.md §4): the file's SM3 (64 lowercase hex digits), its size in
 * bytes and its media type as the phone names it. The constructor rejects a malformed SM3 or a negative size with
 * {@link IllegalArgumentException} ("got X, want Y"); size limits and media types are judged by the store, which
 * answers {@link Slot.Refused}.
 */
public record AttachmentRequest(String sm3, long size, String mediaType) {
    public AttachmentRequest {
        ObjectKeys.checked(sm3);
        if (size < 0) {
            throw new IllegalArgumentException("got size " + size + ", want 0 or more bytes");
        }
        if (mediaType == null) {
            throw new IllegalArgumentException("got no mediaType, want e.g. image/jpeg");
        }
    }
}
