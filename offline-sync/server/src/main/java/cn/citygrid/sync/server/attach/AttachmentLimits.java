package cn.citygrid.sync.server.attach;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The numbers and the media-type allow-list of docs/sync-protocol.md §4 and §7, and the refusals they imply. */
final class AttachmentLimits {
    static final long MAX_SIZE = 1L << 30;              // 1 GiB
    static final long MAX_SINGLE_PUT = 16L << 20;       // 16 MiB; larger files go multipart
    static final long PART_SIZE = 8L << 20;             // S3 wants ≥ 5 MiB for every part but the last
    static final Duration PUT_TTL = Duration.ofMinutes(15);
    static final Duration PART_TTL = Duration.ofMinutes(60);
    static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/heic",
            "audio/mp4", "audio/aac", "audio/mpeg", "audio/ogg", "audio/amr", "video/mp4", "application/pdf");

    private AttachmentLimits() {
    }

    /** {@code image/jpeg; q=1} → {@code image/jpeg}: the type the store signs and stores. */
    static String essence(String mediaType) {
        int semi = mediaType.indexOf(';');
        return (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The refusal for {@code r}, if any: size is judged before media type. */
    static Optional<Slot.Refused> refusal(AttachmentRequest r) {
        if (r.size() > MAX_SIZE) {
            return Optional.of(new Slot.Refused(r.sm3(), Slot.Refused.Reason.TOO_LARGE,
                    "附件大小 " + r.size() + " 字节超过上限 1 GiB（" + MAX_SIZE + " 字节）",
                    "attachment of " + r.size() + " bytes is over the 1 GiB limit (" + MAX_SIZE + " bytes)"));
        }
        if (!MEDIA_TYPES.contains(essence(r.mediaType()))) {
            return Optional.of(new Slot.Refused(r.sm3(), Slot.Refused.Reason.MEDIA_TYPE,
                    "不接受的附件类型 " + r.mediaType() + "，可用：" + String.join("、", MEDIA_TYPES.stream().sorted().toList()),
                    "media type " + r.mediaType() + " is not taken; allowed: "
                            + String.join(", ", MEDIA_TYPES.stream().sorted().toList())));
        }
        return Optional.empty();
    }

    /** Number of parts of a multipart upload of {@code size} bytes. */
    static int partCount(long size) {
        return (int) Math.max(1, (size + PART_SIZE - 1) / PART_SIZE);
    }
}
