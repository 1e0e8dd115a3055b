package dev.shardwise.domains.events;

import dev.shardwise.aggregation.ClusterSql;
import dev.shardwise.aggregation.FanOutExecutor;
import dev.shardwise.aggregation.FanOutOptions;
import dev.shardwise.aggregation.FanOutResult;
import dev.shardwise.aggregation.Row;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.model.content.OutboxEvent;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.RoutePlan;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the transactional outbox of every content shard to Kafka.
 *
 * <p>Each sweep first finds the shards with unpublished rows, one autocommit statement per cluster.
 * Per such shard, one unit of work locks a batch of unpublished rows ({@code FOR UPDATE SKIP LOCKED},
 * so relays of several app instances never publish the same row at the same time), sends them
 * keyed by {@code partition_key} (the member's user id, so one user's events stay in order) with
 * the event id as header {@value #EVENT_ID_HEADER}, waits for Kafka's acknowledgements and marks
 * exactly the acknowledged rows published before it commits. A row is therefore published at
 * least once: a crash between the ack and the commit publishes it again, which the consumer
 * deduplicates.
 *
 * <p>Failures: Kafka down fails the round within {@link EventsSettings#kafkaTimeout()}; nothing
 * unacknowledged is marked and the sweep stops (every other shard would wait for the same dead
 * broker) until the next round. A shard that cannot be reached is skipped; the others go on.
 * Each outage is logged once when it starts and once when it ends.
 *
 * <p>{@link #start()} runs sweeps on a background thread every {@link EventsSettings#relayInterval()},
 * or at once after {@link #wake()}. {@link #close()} stops it and closes the producer.
 */
public final class OutboxRelay implements AutoCloseable {

    /** The Kafka header carrying the event id (UTF-8 canonical UUID). */
    public static final String EVENT_ID_HEADER = "event-id";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    // Native: SKIP LOCKED needs a lock in the statement, and Hibernate only issues query locks inside
    // a transaction of its own, while here the router owns the transaction.
    private static final String LOCK_UNPUBLISHED = "SELECT * FROM outbox WHERE published_at IS NULL"
            + " ORDER BY created_at, event_id LIMIT :limit FOR UPDATE SKIP LOCKED";
    private static final String KAFKA = "Kafka";
    /** The probe for unpublished rows: shards that do not answer are named, the others still relayed. */
    private static final FanOutOptions PROBE = FanOutOptions.defaults().withPolicy(FanOutOptions.Policy.PARTIAL);
    // Bounds one shard's share of a sweep so a big backlog on one shard does not starve the others.
    private static final int MAX_BATCHES_PER_SHARD = 5;

    private final ShardedSessions sessions;
    private final Router router;
    private final KeyspaceName keyspace;
    private final Producer<String, String> producer;
    private final MembershipTopic topic;
    private final EventsSettings settings;
    private final Clock clock;
    private final OutageLog outages = new OutageLog(LOG);
    private final Semaphore wakeups = new Semaphore(0);
    /** Finds the shards with something to publish (owned: closed with the relay). */
    private final FanOutExecutor probes;
    private volatile boolean closed;
    private Thread thread;

    private record Delivery(List<UUID> acked, Optional<Throwable> failure) {
    }

    private record Round(int published, boolean full, Optional<Throwable> kafkaFailure) {
        static final Round IDLE = new Round(0, false, Optional.empty());
    }

    /** What one sweep over all content shards did. */
    public record Sweep(int published, boolean backlog) {
    }

    /** {@code data}: sessions on the content shards, whose outboxes this relay publishes. */
    OutboxRelay(ProductData data, Producer<String, String> producer, MembershipTopic topic, EventsSettings settings,
                Clock clock) {
        this.sessions = Objects.requireNonNull(data, "data").sessions();
        this.router = data.router();
        this.keyspace = data.domains().contentKeyspace();
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.probes = new FanOutExecutor(router, "shardwise-outbox-probe");
    }

    /** Starts the background sweeps; idempotent. */
    public synchronized void start() {
        if (thread == null && !closed) {
            thread = Thread.ofPlatform().name("shardwise-outbox-relay").daemon(true).start(this::loop);
        }
    }

    /** Asks for a sweep now instead of at the end of the current interval. Cheap; never blocks. */
    public void wake() {
        wakeups.release();
    }

    private void loop() {
        while (!closed) {
            boolean backlog = false;
            try {
                backlog = sweep().backlog();
            } catch (RuntimeException e) {
                outages.failed("outbox relay", e);
            }
            if (!backlog) {
                awaitWakeOrInterval();
            }
        }
    }

    private void awaitWakeOrInterval() {
        try {
            wakeups.tryAcquire(settings.relayInterval().toNanos(), TimeUnit.NANOSECONDS);
            // Wakes that arrived meanwhile are served by the coming sweep, which visits every shard.
            wakeups.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** One pass over every content shard; also usable without {@link #start()}. */
    public Sweep sweep() {
        try {
            topic.ensure();
        } catch (RuntimeException e) {
            outages.failed(KAFKA, e);
            return new Sweep(0, false);
        }
        int published = 0;
        boolean backlog = false;
        RoutePlan.Scatter plan = router.scatter(keyspace);
        Set<ShardId> pending = pending(plan);
        for (Destination destination : plan.destinations()) {
            if (closed) {
                break;
            }
            ShardId shard = destination.shard();
            if (!pending.contains(shard)) {
                continue;
            }
            for (int batch = 0; batch < MAX_BATCHES_PER_SHARD; batch++) {
                Round round = relayShard(shard);
                published += round.published();
                if (round.kafkaFailure().isPresent()) {
                    outages.failed(KAFKA, round.kafkaFailure().get());
                    return new Sweep(published, false);
                }
                if (round.published() > 0) {
                    outages.recovered(KAFKA);
                }
                if (!round.full()) {
                    break;
                }
                backlog |= batch == MAX_BATCHES_PER_SHARD - 1;
            }
        }
        return new Sweep(published, backlog);
    }

    private Round relayShard(ShardId shard) {
        String what = outboxOf(shard);
        try {
            Round round = sessions.run(Unit.write(shard).asFanOut(), this::relayBatch);
            outages.recovered(what);
            return round;
        } catch (RuntimeException e) {
            outages.failed(what, e);
            return Round.IDLE;
        }
    }

    /**
     * The shards of {@code plan} whose outbox holds an unpublished row, found with one autocommit
     * statement per cluster: most sweeps find nothing, and a session per shard every interval kept
     * an idle instance busy (32 units of work a second over 16 shards). A shard that did not
     * answer is logged as failing and left for the next sweep.
     */
    private Set<ShardId> pending(RoutePlan.Scatter plan) {
        FanOutResult<List<List<Row>>> found;
        try {
            found = probes.execute(plan, shards -> ClusterSql.unionAll("", shards, d -> new ClusterSql.Branch(
                    "(SELECT " + d.shard().number() + " AS " + ClusterSql.SHARD_COLUMN + " FROM "
                            + ClusterSql.quoted(d.schema()) + ".outbox WHERE published_at IS NULL LIMIT 1)",
                    SqlParams.none()), "", SqlParams.none()), PROBE);
        } catch (RuntimeException e) {
            outages.failed("outbox probe", e);
            return Set.of();
        }
        outages.recovered("outbox probe");
        Set<ShardId> pending = new HashSet<>();
        found.value().forEach(rows -> rows.forEach(r -> pending.add(r.shard())));
        for (Destination d : plan.destinations()) {
            Optional<String> silence = found.unavailable().contains(d.shard()) ? Optional.of("could not be reached")
                    : found.timedOut().contains(d.shard()) ? Optional.of("did not answer within " + PROBE.deadline())
                    : Optional.empty();
            if (silence.isPresent()) {
                outages.failed(outboxOf(d.shard()), new IllegalStateException("shard " + d.shard() + " on cluster "
                        + d.cluster() + " " + silence.get() + " for the outbox probe; retried next sweep"));
            } else if (!pending.contains(d.shard())) {
                outages.recovered(outboxOf(d.shard())); // answered, nothing to send; a pending one's relay decides
            }
        }
        return pending;
    }

    private static String outboxOf(ShardId shard) {
        return "outbox of " + shard;
    }

    private Round relayBatch(Session s) {
        // SKIP LOCKED: another instance's relay holding some rows takes nothing away from this one.
        List<OutboxEvent> rows = s.createNativeQuery(LOCK_UNPUBLISHED, OutboxEvent.class)
                .setParameter("limit", settings.relayBatchSize()).getResultList();
        if (rows.isEmpty()) {
            return Round.IDLE;
        }
        Delivery delivery = publish(rows);
        markPublished(rows, delivery.acked());
        return new Round(delivery.acked().size(), rows.size() == settings.relayBatchSize(), delivery.failure());
    }

    /** Sends every row (stopping at the first refused send) and collects which were acknowledged. */
    private Delivery publish(List<OutboxEvent> rows) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        Optional<Throwable> failure = Optional.empty();
        for (OutboxEvent row : rows) {
            try {
                sent.add(producer.send(record(row)));
            } catch (RuntimeException e) {
                failure = Optional.of(e);
                break;
            }
        }
        List<UUID> acked = new ArrayList<>();
        // The producer gives up on a record after its delivery timeout (kafkaTimeout); wait a bit longer.
        long deadline = System.nanoTime() + settings.kafkaTimeout().plus(Duration.ofSeconds(2)).toNanos();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(rows.get(i).getEventId());
            } catch (ExecutionException e) {
                failure = failure.or(() -> Optional.of(e.getCause()));
            } catch (TimeoutException e) {
                failure = failure.or(() -> Optional.of(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure.or(() -> Optional.of(e));
                break;
            }
        }
        return new Delivery(acked, failure);
    }

    private ProducerRecord<String, String> record(OutboxEvent row) {
        var record = new ProducerRecord<>(settings.topic(), row.getPartitionKey(), row.getPayload());
        record.headers().add(EVENT_ID_HEADER, row.getEventId().toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /**
     * The rows are managed entities, locked by this unit until it commits: setting
     * {@code publishedAt} makes the flush write one batched {@code UPDATE} per acknowledged row.
     */
    private void markPublished(List<OutboxEvent> rows, List<UUID> acked) {
        Set<UUID> done = Set.copyOf(acked);
        Instant now = clock.instant();
        rows.stream().filter(row -> done.contains(row.getEventId())).forEach(row -> row.setPublishedAt(now));
    }

    /** Stops the sweeps (waiting for the current one to finish) and closes the producer. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        wake();
        if (running != null) {
            joinQuietly(running, settings.kafkaTimeout().plusSeconds(5));
            if (running.isAlive()) {
                running.interrupt();
                joinQuietly(running, Duration.ofSeconds(2));
            }
        }
        producer.close(Duration.ofSeconds(2));
        probes.close();
    }

    private static void joinQuietly(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
