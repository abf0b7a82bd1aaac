package cn.citygrid.sync.client.transport;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A whole request answered with a non-2xx status: nothing in it was stored (docs/sync-protocol.md §7).
 * {@code problem} is the RFC 9457 body when there was one.
 */
public final class ApiException extends RuntimeException {
    private static final Set<Integer> TRANSIENT = Set.of(408, 425, 429, 500, 502, 503, 504);
    private final int status;
    private final Problem problem;
    private final Duration retryAfter;

    public ApiException(int status, Problem problem, Duration retryAfter) {
        super("HTTP " + status + (problem == null ? "" : " " + problem.type() + ": " + problem.detail()));
        this.status = status;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** 408, 425, 429 and 5xx gateways/unavailability: the same request may succeed later. */
    public boolean isTransient() {
        return TRANSIENT.contains(status);
    }

    /** The problem type's last segment ({@code device-revoked}), or "" without a problem body. */
    public String problemSlug() {
        return problem == null ? "" : problem.slug();
    }
}
