package dev.shardwise.graphql.health;

import dev.shardwise.graphql.error.ErrorMapper;
import dev.shardwise.shardmap.config.Endpoints;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.config.Config;

/**
 * Redis (shard-map change announcements): UP if it answers {@code PING} within a second.
 *
 * <p>Wellness, not readiness: without Redis the map watcher falls back to fast polling, so the
 * instance keeps serving correctly. One long-lived client, created lazily and connecting on first
 * use (so it can be created while Redis is down), is reused by every probe: probes never create
 * clients. Data: {@code address} ({@code host:port}) and {@code latencyMs} or {@code error}.
 */
@Wellness
@Singleton
public final class RedisHealthCheck implements AsyncHealthCheck {

    static final String NAME = "redis";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final String address;
    private final ProbeExecutor executor;
    private Optional<RedissonClient> client = Optional.empty();

    @Inject
    public RedisHealthCheck(Endpoints endpoints, ProbeExecutor executor) {
        this.address = endpoints.redisAddress();
        this.executor = executor;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(executor.submit(this::ping, TIMEOUT.plusMillis(500))
                .exceptionally(e -> down(ProbeFailures.reason(e))));
    }

    private HealthCheckResponse ping() {
        long started = System.nanoTime();
        boolean pong = client().getRedisNodes(RedisNodes.SINGLE).pingAll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!pong) {
            return down("no PONG");
        }
        return HealthCheckResponse.named(NAME).up()
                .withData("latencyMs", Duration.ofNanos(System.nanoTime() - started).toMillis()).build();
    }

    private HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down()
                .withData("error", ErrorMapper.scrub(reason)).build();
    }

    private synchronized RedissonClient client() {
        if (client.isEmpty()) {
            Config config = new Config();
            // Connects on first use, not here, so creating it cannot fail while Redis is down; small
            // thread counts, since this client only ever sends PING.
            config.setLazyInitialization(true).setThreads(1).setNettyThreads(2);
            config.useSingleServer().setAddress(address)
                    .setConnectTimeout((int) TIMEOUT.toMillis())
                    .setTimeout((int) TIMEOUT.toMillis())
                    .setRetryAttempts(0)
                    .setConnectionMinimumIdleSize(1)
                    .setConnectionPoolSize(1)
                    .setSubscriptionConnectionMinimumIdleSize(0)
                    .setSubscriptionConnectionPoolSize(1)
                    .setClientName("shardwise-health");
            client = Optional.of(Redisson.create(config));
        }
        return client.get();
    }

    @PreDestroy
    synchronized void close() {
        client.ifPresent(RedissonClient::shutdown);
        client = Optional.empty();
    }
}
