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
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Kafka (membership events from the outboxes): UP if the cluster describes itself within a second.
 *
 * <p>Wellness, not readiness: with Kafka down, mutations still commit and their events wait in the
 * shard outboxes. One long-lived admin client is reused by every probe (it connects lazily, so it
 * exists while Kafka is down too). Data: {@code bootstrap} ({@code host:port} list) and
 * {@code nodes}, {@code latencyMs} or {@code error}.
 */
@Wellness
@Singleton
public final class KafkaHealthCheck implements AsyncHealthCheck {

    static final String NAME = "kafka";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final String bootstrap;
    private final ProbeExecutor executor;
    private Optional<Admin> admin = Optional.empty();

    @Inject
    public KafkaHealthCheck(Endpoints endpoints, ProbeExecutor executor) {
        this.bootstrap = endpoints.kafkaBootstrap();
        this.executor = executor;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (bootstrap.isBlank()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).down()
                    .withData("error", "no kafka.bootstrap in the endpoints file").build());
        }
        return Uni.createFrom().completionStage(executor.submit(this::describe, TIMEOUT.plusMillis(500))
                .exceptionally(e -> down(ProbeFailures.reason(e))));
    }

    private HealthCheckResponse describe() throws Exception {
        long started = System.nanoTime();
        DescribeClusterResult result = admin().describeCluster(
                new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
        Collection<Node> nodes = result.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (nodes.isEmpty()) {
            return down("no brokers");
        }
        return HealthCheckResponse.named(NAME).up()
                .withData("nodes", nodes.size())
                .withData("latencyMs", Duration.ofNanos(System.nanoTime() - started).toMillis()).build();
    }

    private HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down()
                .withData("error", ErrorMapper.scrub(reason)).build();
    }

    private synchronized Admin admin() {
        if (admin.isEmpty()) {
            int timeout = (int) TIMEOUT.toMillis();
            admin = Optional.of(Admin.create(Map.<String, Object>of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.CLIENT_ID_CONFIG, "shardwise-health",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                    AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) timeout,
                    AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) timeout,
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, (long) timeout)));
        }
        return admin.get();
    }

    @PreDestroy
    synchronized void close() {
        admin.ifPresent(a -> a.close(Duration.ofSeconds(2)));
        admin = Optional.empty();
    }
}
