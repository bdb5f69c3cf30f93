package io.nuage.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.nuage.errors.NuageError;
import io.nuage.platform.NuageConfig;
import io.nuage.tenancy.Caller;
import io.nuage.tenancy.CurrentCaller;

/**
 * Requests per tenant token, as a token bucket: {@code nuage.api.rate-limit.burst} at once, refilled at
 * {@code nuage.api.rate-limit.per-second}. Kept by each
 * replica in memory, not shared: a token reaching N replicas through a balancer gets up to N times the rate, and a
 * request costs no database round trip. The operator's token is not limited. Over the limit: 429 problem+json
 * {@code rate_limited} with {@code Retry-After} and the {@code RateLimit-*} headers.
 */
@Singleton
public class RateLimits {

    /** Buckets of tokens that went quiet are dropped once there are this many. */
    private static final int MAX_BUCKETS = 10_000;

    /** Read when the first request comes: the filter is made before runtime configuration is. */
    private final Instance<NuageConfig> config;
    private final CurrentCaller current;
    private final Map<Object, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(Instance<NuageConfig> config, CurrentCaller current) {
        this.config = config;
        this.current = current;
    }

    /** After authentication, which says who is calling. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public void limit(ContainerRequestContext request) {
        take(request.getUriInfo().getPath().startsWith("/v1") ? current.get() : null);
    }

    /** Takes a request of this caller (null: not limited) from its bucket, or refuses it with 429. */
    void take(Caller caller) {
        NuageConfig.Api settings = config.get().api();
        if (caller == null || caller.isAdmin() || settings.rateLimitPerSecond() <= 0) {
            return;
        }
        if (buckets.size() > MAX_BUCKETS) {
            long now = System.nanoTime();
            buckets.values().removeIf(b -> b.full(now));
        }
        Bucket bucket = buckets.computeIfAbsent(caller.tokenId(), id -> new Bucket(settings.rateLimitPerSecond(), settings.rateLimitBurst()));
        long waitMillis = bucket.take(System.nanoTime());
        if (waitMillis == 0) {
            return;
        }
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        throw NuageError.throttled("This token may send " + settings.rateLimitBurst() + " requests at once and "
                + settings.rateLimitPerSecond() + " a second; retry after " + seconds + " s", seconds, settings.rateLimitBurst());
    }

    /** A token bucket; synchronized, as one token's requests may come on several event loops. */
    private static final class Bucket {
        private final double perNano;
        private final int burst;
        private double tokens;
        private long last;

        Bucket(double perSecond, int burst) {
            this.perNano = perSecond / 1e9;
            this.burst = burst;
            this.tokens = burst;
            this.last = System.nanoTime();
        }

        /** 0 when a request may go now (and takes its token), else the milliseconds until one may. */
        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano / 1e6);
        }

        synchronized boolean full(long now) {
            return tokens + (now - last) * perNano >= burst;
        }
    }
}
