package dev.shardwise.graphql.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;

/**
 * Rate limits shared by every instance, as Redisson rate limiters in Redis, one per bucket and key
 * (a client address, an account). A limiter lives in Redis while it is used and for one interval
 * after, so idle keys do not pile up; account keys are hashed, so no email is stored in Redis.
 *
 * <p>Without Redis (not reachable at start, or failing now) the limits are off and a warning is
 * logged at most once a minute: an outage of Redis must not lock every user out. The retry-after
 * a refusal names is the time one permit takes to come back at the bucket's rate.
 */
public final class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    /** What is counted. */
    public enum Bucket {
        /** Sign-up and log-in requests from one client address. */
        AUTH_PER_ADDRESS("auth-address"),
        /** Log-in attempts for one account, right or wrong. */
        LOG_INS_PER_ACCOUNT("login-account"),
        /** Failed log-ins for one account: when spent, the account's log-ins wait. */
        FAILED_LOG_INS_PER_ACCOUNT("login-failed"),
        /** Invitations sent by one account (an invitation asks a stranger for attention). */
        INVITATIONS_PER_ACCOUNT("invite-account");

        private final String prefix;

        Bucket(String prefix) {
            this.prefix = prefix;
        }
    }

    /** {@code permits} per {@code interval}. */
    public record Rule(long permits, Duration interval) {
        public Rule {
            if (permits < 1 || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("a rate limit needs at least one permit per positive interval, got "
                        + permits + " per " + interval);
            }
        }

        /** How long one permit takes to come back. */
        Duration onePermit() {
            return interval.dividedBy(permits);
        }
    }

    private final Optional<RedissonClient> redis;
    private final Map<Bucket, Rule> rules;
    private final Clock clock;
    private final AtomicReference<Instant> lastWarning = new AtomicReference<>(Instant.EPOCH);

    public RateLimits(Optional<RedissonClient> redis, Map<Bucket, Rule> rules, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.rules = new EnumMap<>(rules);
        for (Bucket b : Bucket.values()) {
            if (!this.rules.containsKey(b)) {
                throw new IllegalArgumentException("no rate limit rule for " + b);
            }
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The rule of {@code bucket}. */
    public Rule rule(Bucket bucket) {
        return rules.get(bucket);
    }

    /** Takes a permit (blocking: not on an event loop); empty when granted, else how long to wait. */
    public Optional<Duration> take(Bucket bucket, String key) {
        if (redis.isEmpty()) {
            return Optional.empty();
        }
        try {
            RRateLimiter limiter = limiter(bucket, key);
            return limiter.tryAcquire() ? Optional.empty() : Optional.of(rule(bucket).onePermit());
        } catch (RuntimeException e) {
            warn(e);
            return Optional.empty();
        }
    }

    /** As {@link #take}, without blocking the caller. */
    public CompletionStage<Optional<Duration>> takeAsync(Bucket bucket, String key) {
        if (redis.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Rule rule = rule(bucket);
        RRateLimiter limiter = redis.get().getRateLimiter(name(bucket, key));
        return limiter.trySetRateAsync(RateType.OVERALL, rule.permits(), rule.interval(), rule.interval())
                .thenCompose(set -> limiter.tryAcquireAsync())
                .thenApply(granted -> granted ? Optional.<Duration>empty() : Optional.of(rule.onePermit()))
                .exceptionally(e -> {
                    warn(e);
                    return Optional.empty();
                });
    }

    /** Whether {@code bucket} has no permit left for {@code key}, and if so how long to wait; takes nothing. */
    public Optional<Duration> exhausted(Bucket bucket, String key) {
        if (redis.isEmpty()) {
            return Optional.empty();
        }
        try {
            return limiter(bucket, key).availablePermits() > 0 ? Optional.empty() : Optional.of(rule(bucket).onePermit());
        } catch (RuntimeException e) {
            warn(e);
            return Optional.empty();
        }
    }

    /** The key of an account's buckets: a digest of its normalised email, so Redis holds no address. */
    public static String accountKey(String normalizedEmail) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalizedEmail.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private RRateLimiter limiter(Bucket bucket, String key) {
        Rule rule = rule(bucket);
        RRateLimiter limiter = redis.orElseThrow().getRateLimiter(name(bucket, key));
        // Creates the limiter once; afterwards a no-op. The keep-alive drops it after an idle interval.
        limiter.trySetRate(RateType.OVERALL, rule.permits(), rule.interval(), rule.interval());
        return limiter;
    }

    private static String name(Bucket bucket, String key) {
        return "shardwise:rate:" + bucket.prefix + ":" + key;
    }

    private void warn(Throwable e) {
        Instant now = clock.instant();
        Instant last = lastWarning.get();
        if (now.isAfter(last.plus(Duration.ofMinutes(1))) && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("rate limits are off while Redis fails (%s); sign-ups and log-ins are not throttled",
                    e.getClass().getSimpleName());
        }
    }
}
