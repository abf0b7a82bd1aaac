package cn.citygrid.sync.server.attach;

import static cn.citygrid.sync.server.attach.AttachmentLimits.MAX_SINGLE_PUT;
import static cn.citygrid.sync.server.attach.AttachmentLimits.MAX_SIZE;
import static cn.citygrid.sync.server.attach.AttachmentLimits.PART_SIZE;
import static cn.citygrid.sync.server.attach.AttachmentLimits.PART_TTL;
import static cn.citygrid.sync.server.attach.AttachmentLimits.PUT_TTL;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-addressed attachments on S3 (docs/sync-protocol.md §4, ADR 0031 and 0036). Phones upload to
 * {@code incoming/<account>/<sm3>/upload} through presigned URLs; {@link #complete} streams what arrived, and only
 * bytes whose SM3 is the announced one are copied to {@code att/<account>/<sm3>}, which only this class writes.
 * Thumbnails of pictures go to {@code thumb/<account>/<sm3>/<px>.jpg}, made when one is first asked for (most
 * photos are never looked at in the web admin, and decoding one costs several times its verification). No
 * database: the one multipart upload of (account, sm3) is found again by listing S3's unfinished uploads of its
 * incoming key.
 *
 * <p>Every S3 call, hash and image step runs on {@code blocking}, never on an event loop. Methods return failed
 * futures with {@link AttachmentException} for outcomes the phone acts on and {@link IllegalArgumentException}
 * for malformed arguments ("got X, want Y").
 */
public final class AttachmentStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AttachmentStore.class);

    private final WorkerExecutor blocking;
    private final S3Objects s3;
    private final Presigner presigner;
    private final MultipartUploads multipart;
    private final PictureThumbnails thumbnails;
    /** Objects known to be verified, so record intake need not ask S3 again for each attachment. */
    private final VerifiedSizes verified = new VerifiedSizes(1 << 16);

    /** {@code blocking} is a worker pool of {@code vertx} (sized to the cores); {@code clock} dates URLs. */
    public AttachmentStore(Vertx vertx, WorkerExecutor blocking, ObjectStoreConfig config, Clock clock) {
        Objects.requireNonNull(vertx, "vertx");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.s3 = new S3Objects(config);
        this.presigner = new Presigner(config, Objects.requireNonNull(clock, "clock"));
        this.multipart = new MultipartUploads(s3, presigner);
        this.thumbnails = new PictureThumbnails(s3);
    }

    /** Creates the bucket if it is missing; safe when several instances start at once. */
    public Future<Void> ensureBucket() {
        return blocking(() -> {
            s3.ensureBucket();
            return null;
        });
    }

    /**
     * Why an attachment of this size and media type is never taken (docs/sync-protocol.md §4), if it is not: the
     * rule a slot request is refused by, for a record that names such a file without asking first.
     */
    public static Optional<Slot.Refused> refusal(AttachmentRequest request) {
        return AttachmentLimits.refusal(request);
    }

    /** One slot per request, in order. Refusals need no S3 call; the others are answered in parallel. */
    public Future<List<Slot>> slots(long accountId, List<AttachmentRequest> requests) {
        List<Future<Slot>> each = requests.stream().map(r -> slot(accountId, r)).toList();
        return Future.all(each).map(all -> each.stream().map(Future::result).toList());
    }

    private Future<Slot> slot(long account, AttachmentRequest r) {
        return AttachmentLimits.refusal(r).<Future<Slot>>map(Future::succeededFuture)
                .orElseGet(() -> blocking(() -> openSlot(account, r)));
    }

    private Slot openSlot(long account, AttachmentRequest r) {
        Optional<S3Objects.Stat> stored = s3.stat(ObjectKeys.verified(account, r.sm3()));
        stored.ifPresent(s -> verified.put(account, r.sm3(), s.size()));
        if (stored.filter(s -> s.size() == r.size()).isPresent()) {
            return new Slot.Present(r.sm3());
        }
        String key = ObjectKeys.incoming(account, r.sm3());
        String type = AttachmentLimits.essence(r.mediaType());
        if (r.size() > MAX_SINGLE_PUT) {
            return multipart.slot(key, r, type, PART_SIZE, PART_TTL);
        }
        Presigner.Presigned put = presigner.put(key, type, PUT_TTL);
        return new Slot.Put(r.sm3(), put.url(), Map.of("Content-Type", type), put.expiresAt());
    }

    /**
     * Verifies what the phone uploaded for {@code sm3} and makes it present. {@code uploadId} is null after a
     * single PUT; {@code parts} may be empty, then every part S3 holds is used. Succeeds at once when the object
     * is already present. Fails with {@link AttachmentException.Kind#UPLOAD_NOT_FOUND} (nothing uploaded),
     * {@link AttachmentException.Kind#HASH_MISMATCH} (incoming deleted), {@link AttachmentException.Kind#REFUSED}
     * (over 1 GiB, incoming deleted) or {@link AttachmentException.Kind#INVALID_PARTS}.
     */
    public Future<Void> complete(long accountId, String sm3, String uploadId, List<Part> parts) {
        String verified = ObjectKeys.verified(accountId, sm3);
        // After a single PUT the incoming object is read at once: when it is gone, the recovery below asks whether
        // it was promoted (a retry, or a concurrent complete). A multipart upload S3 no longer knows may fail
        // otherwise, so that is asked first.
        Future<Boolean> present = uploadId == null ? Future.succeededFuture(false)
                : blocking(() -> s3.stat(verified).isPresent());
        return present
                .compose(p -> p ? Future.<Void>succeededFuture()
                        : verifyUpload(accountId, sm3, uploadId, parts == null ? List.of() : parts))
                // A concurrent complete of the same upload may have promoted and deleted it under us.
                .recover(e -> notFoundButPresent(e, verified));
    }

    private Future<Void> verifyUpload(long account, String sm3, String uploadId, List<Part> parts) {
        String incoming = ObjectKeys.incoming(account, sm3);
        String verified = ObjectKeys.verified(account, sm3);
        return blocking(() -> multipart.finish(incoming, uploadId, parts))   // parts → one incoming object
                .compose(v -> blocking(() -> measure(incoming, sm3)))          // read it once: SM3 and size
                .compose(size -> blocking(() -> {
                    promote(incoming, verified);
                    this.verified.put(account, sm3, size);
                    return null;
                }));
    }

    /** Streams the incoming object and answers its size; fails, and deletes it, unless its SM3 is {@code sm3}. */
    private long measure(String incoming, String sm3) throws Exception {
        ContentDigest got;
        try (S3Objects.Body body = s3.open(incoming).orElseThrow(() -> AttachmentException.uploadNotFound(sm3))) {
            got = ContentDigest.of(body.in(), MAX_SIZE);
        }
        if (got.size() > MAX_SIZE) {
            s3.delete(incoming);
            throw new AttachmentException(AttachmentException.Kind.REFUSED, "upload of " + sm3 + " is over 1 GiB");
        }
        if (!got.sm3().equals(sm3)) {
            s3.delete(incoming);
            throw AttachmentException.hashMismatch(sm3, got.sm3(), got.size());
        }
        return got.size();
    }

    /** Server-side copy to the verified key first, so a crash in between leaves a retry that still succeeds. */
    private void promote(String incoming, String verified) {
        s3.copy(incoming, verified);
        s3.delete(incoming);
    }

    private Future<Void> notFoundButPresent(Throwable e, String verified) {
        if (!(e instanceof AttachmentException a) || a.kind() != AttachmentException.Kind.UPLOAD_NOT_FOUND) {
            return Future.failedFuture(e);
        }
        return blocking(() -> s3.stat(verified).isPresent())
                .compose(present -> present ? Future.<Void>succeededFuture() : Future.failedFuture(e));
    }

    /**
     * Stores bytes the server received itself (a citizen's photo sent in one request) as the verified object
     * {@code att/<account>/<sm3>} and answers its SM3. Idempotent: the same
     * bytes land on the same key. {@code bytes} must be at most {@link AttachmentLimits#MAX_SINGLE_PUT}.
     */
    public Future<String> store(long accountId, byte[] bytes, String mediaType) {
        if (bytes.length > MAX_SINGLE_PUT) {
            return Future.failedFuture(new IllegalArgumentException("got " + bytes.length + " bytes, want at most "
                    + MAX_SINGLE_PUT + " in one store"));
        }
        String type = AttachmentLimits.essence(mediaType);
        return blocking(() -> {
            String sm3 = ContentDigest.of(new java.io.ByteArrayInputStream(bytes), MAX_SINGLE_PUT).sm3();
            s3.put(ObjectKeys.verified(accountId, sm3), bytes, type);
            return sm3;
        });
    }

    /**
     * Sizes of the verified objects {@code att/<account>/<sm3>} that exist; missing ones are absent. Those this node
     * verified or saw before are answered without S3 (see {@link VerifiedSizes}); S3 is asked for the others.
     */
    public Future<Map<String, Long>> sizes(long accountId, Collection<String> sm3s) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String sm3 : sm3s) {
            Long size = verified.get(accountId, sm3);
            if (size != null) {
                out.put(sm3, size);
            } else {
                unknown.add(sm3);
            }
        }
        return unknown.isEmpty() ? Future.succeededFuture(out) : blocking(() -> {
            unknown.forEach(sm3 -> s3.stat(ObjectKeys.verified(accountId, sm3)).ifPresent(s -> {
                verified.put(accountId, sm3, s.size());
                out.put(sm3, s.size());
            }));
            return out;
        });
    }

    /**
     * The JPEG thumbnail of longest side {@code px} (256 or 1024; smaller pictures keep their size), made with
     * every other size and kept on the first request. NOT_FOUND when there is none: not a picture, not decodable,
     * or not present.
     */
    public Future<byte[]> thumbnail(long accountId, String sm3, int px) {
        return blocking(() -> {
            if (!Thumbnails.SIZES.contains(px)) {
                throw new IllegalArgumentException("got px " + px + ", want one of " + Thumbnails.SIZES);
            }
            return thumbnails.stored(accountId, sm3, px);
        }).compose(stored -> stored.map(Future::succeededFuture)
                .orElseGet(() -> blocking(() -> madeNow(accountId, sm3, px))));
    }

    private byte[] madeNow(long account, String sm3, int px) throws Exception {
        byte[] jpeg = thumbnails.make(account, sm3).get(px);
        if (jpeg == null) {
            throw AttachmentException.notFound("thumbnail of att/" + account + "/" + sm3);
        }
        return jpeg;
    }

    /** A GET URL of the verified object valid for {@code ttl} (1 s to 7 days); NOT_FOUND when absent. */
    public Future<String> presignedGet(long accountId, String sm3, Duration ttl) {
        return presignedLink(accountId, sm3, ttl).map(Link::url);
    }

    /** A URL and the instant the object store stops accepting it. */
    public record Link(String url, Instant expiresAt) {}

    /** {@link #presignedGet} with the instant the URL expires, for clients that open it themselves. */
    public Future<Link> presignedLink(long accountId, String sm3, Duration ttl) {
        return blocking(() -> {
            String key = ObjectKeys.verified(accountId, sm3);
            s3.stat(key).orElseThrow(() -> AttachmentException.notFound("attachment " + key));
            Presigner.Presigned signed = presigner.get(key, ttl);
            return new Link(signed.url(), signed.expiresAt());
        });
    }

    /** Closes the S3 client's connections. */
    @Override
    public void close() {
        s3.close();
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return blocking.executeBlocking(work, false);
    }
}
