package cn.citygrid.sync.server.attach;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes of verified objects ({@code att/<account>/<sm3>}) this node has promoted or found present, the least
 * recently used dropped beyond a bound. Sound because only {@link AttachmentStore} writes that prefix and it never
 * deletes or rewrites an object there: once present, present with that size. Should verified objects ever be
 * deleted (retention, erasure), this cache must learn of it first.
 */
final class VerifiedSizes {
    private final Map<String, Long> sizes;

    VerifiedSizes(int bound) {
        this.sizes = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > bound;
            }
        };
    }

    synchronized Long get(long account, String sm3) {
        return sizes.get(account + "/" + sm3);
    }

    synchronized void put(long account, String sm3, long size) {
        sizes.put(account + "/" + sm3, size);
    }
}
