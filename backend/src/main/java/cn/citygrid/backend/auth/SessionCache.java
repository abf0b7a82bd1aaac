package cn.citygrid.backend.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;

/**
 * Callers recently resolved from their access token, so a request does not cost a database
 * round trip. Bounded in size and age; revocations evict at once (through the event bus on every
 * node), the age bound only limits what a missed eviction could cost.
 */
final class SessionCache {
  private final Cache<String, Entry> byTokenHash = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfterWrite(Duration.ofSeconds(60))
      .build();

  Principal get(byte[] tokenHash, Instant now) {
    Entry e = byTokenHash.getIfPresent(HexFormat.of().formatHex(tokenHash));
    return e != null && e.accessExpiresAt.isAfter(now) ? e.principal : null;
  }

  void put(byte[] tokenHash, Principal principal, Instant accessExpiresAt) {
    byTokenHash.put(HexFormat.of().formatHex(tokenHash), new Entry(principal, accessExpiresAt));
  }

  void evictSessions(Collection<String> sessionIds) {
    byTokenHash.asMap().values().removeIf(e -> sessionIds.contains(e.principal.sessionId()));
  }

  private record Entry(Principal principal, Instant accessExpiresAt) {}
}
