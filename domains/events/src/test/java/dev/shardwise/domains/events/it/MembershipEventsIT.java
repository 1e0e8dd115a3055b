package dev.shardwise.domains.events.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.events.EventsRuntime;
import dev.shardwise.domains.events.EventsSettings;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.events.MembershipEvent.Type;
import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEventCodec;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.domains.product.testing.Linting;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Membership events end to end on the real fleet: outbox rows on content shards, relayed through
 * Kafka, applied to user_workspaces on the members' identity shards; duplicates, a Kafka outage
 * and a content cluster outage.
 */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembershipEventsIT {

    private static final ClusterId C2 = ClusterId.of("c2");

    private final Clock clock = Clock.systemUTC();
    private final UuidV7 ids = new UuidV7(clock);
    private Fleet fleet;
    private ControlPlane controlPlane;
    private DataAccess data;
    private EventsRuntime events;

    /** A row of user_workspaces. */
    private record Entry(Role role, Instant joinedAt) {
    }

    @BeforeAll
    void setUp(Fleet fleet) {
        this.fleet = fleet;
        controlPlane = new ControlPlane(fleet.endpoints(), SchemaDomains.load(), clock, System.out::println);
        controlPlane.bootstrap();
        controlPlane.migrateAll();
        data = DataAccess.open(fleet.endpoints(), DataAccess.Settings.of(controlPlane,
                        PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(4, 2))
                .withEntities(ProductEntities.byDomain())
                .withHooks(List.of(Linting.raising())), clock);
        // A group of its own that ignores older events, so this class neither waits for nor disturbs others.
        EventsSettings settings = EventsSettings.defaults()
                .withConsumerGroup("shardwise-user-workspaces-it-" + ids.next(), EventsSettings.StartFrom.LATEST);
        events = EventsRuntime.start(ProductData.of(data, SchemaDomains.load()), fleet.endpoints().kafkaBootstrap(), settings, clock);
        await().atMost(Duration.ofSeconds(30)).until(events::consuming);
    }

    @AfterAll
    void tearDown() {
        events.close();
        data.close();
        controlPlane.close();
    }

    @Test
    void outboxRowsReachTheMembersIdentityShardsAndAreMarkedPublished() {
        List<MembershipEvent> added = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            added.add(event(Type.MEMBER_ADDED, ids.next(), ids.next(), i % 2 == 0 ? Role.EDITOR : Role.VIEWER));
        }
        added.forEach(this::writeOutbox);
        assertThat(added.stream().map(e -> cluster(KeyspaceName.of("identity"), e.userId())).collect(Collectors.toSet()))
                .as("members on several clusters").hasSizeGreaterThan(1);
        events.wake();

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> added.forEach(e -> {
            assertThat(entry(e.userId(), e.workspaceId())).contains(new Entry(e.role(), e.occurredAt()));
            assertThat(publishedAt(e)).isPresent();
        }));

        MembershipEvent promoted = event(Type.ROLE_CHANGED, added.get(0).workspaceId(), added.get(0).userId(), Role.OWNER);
        MembershipEvent removed = event(Type.MEMBER_REMOVED, added.get(1).workspaceId(), added.get(1).userId(), Role.VIEWER);
        writeOutbox(promoted);
        writeOutbox(removed);
        events.wake();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(entry(promoted.userId(), promoted.workspaceId()))
                    .as("role changed, join time kept").contains(new Entry(Role.OWNER, added.get(0).occurredAt()));
            assertThat(entry(removed.userId(), removed.workspaceId())).isEmpty();
        });
    }

    @Test
    void anEventRelayedTwiceIsAppliedOnce() {
        UUID userId = ids.next();
        MembershipEvent once = event(Type.MEMBER_ADDED, ids.next(), userId, Role.EDITOR);
        writeOutbox(once);
        events.wake();
        await().atMost(Duration.ofSeconds(2)).until(() -> entry(userId, once.workspaceId()).isPresent()
                && publishedAt(once).isPresent());
        // Changed behind the pipeline's back: re-applying the old event would turn it back to EDITOR.
        setRole(userId, once.workspaceId(), Role.VIEWER);

        resetPublished(once);
        // Same user, so same partition, and it is written later: once it is applied, so is the copy.
        MembershipEvent sentinel = event(Type.MEMBER_ADDED, ids.next(), userId, Role.OWNER);
        writeOutbox(sentinel);
        events.wake();
        await().atMost(Duration.ofSeconds(2)).until(() -> entry(userId, sentinel.workspaceId()).isPresent()
                && publishedAt(once).isPresent());

        assertThat(entry(userId, once.workspaceId())).map(Entry::role).contains(Role.VIEWER);
        assertThat(count("SELECT count(*) FROM user_workspaces WHERE user_id = ? AND workspace_id = ?",
                userId, once.workspaceId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_events WHERE user_id = ? AND event_id = ?",
                userId, once.eventId())).isEqualTo(1);
    }

    @Test
    void theCallersOwnEventsAreVisibleAsSoonAsCommittedReturns() {
        UUID me = ids.next();
        UUID someoneElse = ids.next();
        MembershipEvent mine = event(Type.MEMBER_ADDED, ids.next(), me, Role.OWNER);
        MembershipEvent theirs = event(Type.MEMBER_ADDED, mine.workspaceId(), someoneElse, Role.EDITOR);

        // Not in any outbox, so nothing but the direct path can apply them.
        events.membershipEvents().committed(new Caller(me, ids.next()), List.of(mine, theirs));

        assertThat(entry(me, mine.workspaceId())).contains(new Entry(Role.OWNER, mine.occurredAt()));
        assertThat(entry(someoneElse, theirs.workspaceId())).as("other members learn it through Kafka").isEmpty();

        // When the outbox copy arrives through Kafka it is a recognised duplicate.
        writeOutbox(mine);
        MembershipEvent sentinel = event(Type.MEMBER_ADDED, ids.next(), me, Role.VIEWER);
        writeOutbox(sentinel);
        events.wake();
        await().atMost(Duration.ofSeconds(2)).until(() -> entry(me, sentinel.workspaceId()).isPresent());
        assertThat(count("SELECT count(*) FROM processed_events WHERE user_id = ? AND event_id = ?",
                me, mine.eventId())).isEqualTo(1);
    }

    @Test
    void whileKafkaIsDownEventsStayInTheOutboxAndAllArriveAfterwards() {
        List<MembershipEvent> pending = new ArrayList<>();
        fleet.stop("kafka");
        try {
            for (int i = 0; i < 20; i++) {
                MembershipEvent e = event(Type.MEMBER_ADDED, ids.next(), ids.next(), Role.EDITOR);
                writeOutbox(e);
                pending.add(e);
            }
            assertThat(pending.stream().map(e -> contentShard(e.workspaceId())).distinct().count()).isGreaterThan(3);
            events.wake();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(pending).allSatisfy(e -> assertThat(publishedAt(e)).isEmpty()));
            assertThat(pending).as("nothing lost: every row is still there")
                    .allSatisfy(e -> assertThat(outboxRow(e)).isTrue());
        } finally {
            fleet.start("kafka");
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(pending).allSatisfy(e -> {
            assertThat(publishedAt(e)).isPresent();
            assertThat(entry(e.userId(), e.workspaceId())).contains(new Entry(Role.EDITOR, e.occurredAt()));
        }));
    }

    @Test
    void aContentClusterDownDoesNotStopTheRelayForTheOthers() {
        // Members whose identity shards stay up: only the outbox side of c2 is under test here.
        Predicate<ClusterId> notC2 = c -> !c.equals(C2);
        List<MembershipEvent> elsewhere = new ArrayList<>();
        fleet.stop("c2");
        try {
            for (int i = 0; i < 6; i++) {
                MembershipEvent e = event(Type.MEMBER_ADDED, idOn(KeyspaceName.of("content"), notC2), idOn(KeyspaceName.of("identity"), notC2), Role.VIEWER);
                writeOutbox(e);
                elsewhere.add(e);
            }
            events.wake();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(elsewhere).allSatisfy(e -> {
                assertThat(publishedAt(e)).isPresent();
                assertThat(entry(e.userId(), e.workspaceId())).isPresent();
            }));
        } finally {
            fleet.start("c2");
        }
        MembershipEvent onC2 = event(Type.MEMBER_ADDED, idOn(KeyspaceName.of("content"), C2::equals), idOn(KeyspaceName.of("identity"), notC2), Role.EDITOR);
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
            writeOutbox(onC2);
            return true;
        });
        events.wake();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(publishedAt(onC2)).as("c2's outbox is relayed again once it is back").isPresent();
            assertThat(entry(onC2.userId(), onC2.workspaceId())).isPresent();
        });
    }

    @Test
    void startsAndServesTheDirectPathWhileNoBrokerIsReachable() {
        long started = System.nanoTime();
        try (EventsRuntime offline = EventsRuntime.start(ProductData.of(data, SchemaDomains.load()), "127.0.0.1:1",
                EventsSettings.defaults().withConsumerGroup("unreachable-" + ids.next(), EventsSettings.StartFrom.LATEST),
                clock)) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            UUID me = ids.next();
            MembershipEvent mine = event(Type.MEMBER_ADDED, ids.next(), me, Role.OWNER);
            offline.membershipEvents().committed(new Caller(me, ids.next()), List.of(mine));
            assertThat(entry(me, mine.workspaceId())).isPresent();
            assertThat(offline.consuming()).isFalse();
        }
    }

    // ---- fixtures ------------------------------------------------------------------------------

    private MembershipEvent event(Type type, UUID workspaceId, UUID userId, Role role) {
        return new MembershipEvent(ids.next(), type, workspaceId, userId, role,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** Inserts the event into its workspace's outbox as the content service does. */
    private void writeOutbox(MembershipEvent e) {
        data.router().run(Unit.write(KeyspaceName.of("content"), ShardKey.of(e.workspaceId())), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "INSERT INTO outbox (event_id, workspace_id, partition_key, event_type, payload, created_at)"
                            + " VALUES (?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (event_id) DO NOTHING")) {
                ps.setObject(1, e.eventId());
                ps.setObject(2, e.workspaceId());
                ps.setString(3, e.partitionKey());
                ps.setString(4, e.type().name());
                ps.setString(5, MembershipEventCodec.toJson(e));
                ps.setObject(6, e.occurredAt().atOffset(ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
    }

    private void resetPublished(MembershipEvent e) {
        data.router().run(Unit.write(KeyspaceName.of("content"), ShardKey.of(e.workspaceId())), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "UPDATE outbox SET published_at = NULL WHERE workspace_id = ? AND event_id = ?")) {
                ps.setObject(1, e.workspaceId());
                ps.setObject(2, e.eventId());
                return ps.executeUpdate();
            }
        });
    }

    private Optional<Instant> publishedAt(MembershipEvent e) {
        return data.router().run(Unit.read(KeyspaceName.of("content"), ShardKey.of(e.workspaceId())), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT published_at FROM outbox WHERE workspace_id = ? AND event_id = ?")) {
                ps.setObject(1, e.workspaceId());
                ps.setObject(2, e.eventId());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getObject(1, java.time.OffsetDateTime.class))
                            .map(java.time.OffsetDateTime::toInstant) : Optional.<Instant>empty();
                }
            }
        });
    }

    private boolean outboxRow(MembershipEvent e) {
        return data.router().run(Unit.read(KeyspaceName.of("content"), ShardKey.of(e.workspaceId())), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT 1 FROM outbox WHERE workspace_id = ? AND event_id = ?")) {
                ps.setObject(1, e.workspaceId());
                ps.setObject(2, e.eventId());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private Optional<Entry> entry(UUID userId, UUID workspaceId) {
        return data.router().run(Unit.read(KeyspaceName.of("identity"), ShardKey.of(userId)), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT role, joined_at FROM user_workspaces WHERE user_id = ? AND workspace_id = ?")) {
                ps.setObject(1, userId);
                ps.setObject(2, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Entry(Role.valueOf(rs.getString(1)),
                            rs.getObject(2, java.time.OffsetDateTime.class).toInstant())) : Optional.<Entry>empty();
                }
            }
        });
    }

    private void setRole(UUID userId, UUID workspaceId, Role role) {
        data.router().run(Unit.write(KeyspaceName.of("identity"), ShardKey.of(userId)), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "UPDATE user_workspaces SET role = ? WHERE user_id = ? AND workspace_id = ?")) {
                ps.setString(1, role.name());
                ps.setObject(2, userId);
                ps.setObject(3, workspaceId);
                return ps.executeUpdate();
            }
        });
    }

    /** A count on the user's identity shard; the first parameter is the user id. */
    private long count(String sql, UUID userId, UUID other) {
        return data.router().run(Unit.read(KeyspaceName.of("identity"), ShardKey.of(userId)), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(sql)) {
                ps.setObject(1, userId);
                ps.setObject(2, other);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private ShardId contentShard(UUID workspaceId) {
        return data.router().route(KeyspaceName.of("content"), List.of(ShardKey.of(workspaceId))).destinations().getFirst().shard();
    }

    private ClusterId cluster(KeyspaceName keyspace, UUID key) {
        return data.router().route(keyspace, List.of(ShardKey.of(key))).destinations().getFirst().cluster();
    }

    /** A fresh id whose shard in {@code keyspace} lives on a cluster matching {@code where}. */
    private UUID idOn(KeyspaceName keyspace, Predicate<ClusterId> where) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            UUID id = ids.next();
            if (where.test(cluster(keyspace, id))) {
                return id;
            }
        }
        throw new AssertionError("no " + keyspace + " shard on the requested clusters");
    }
}
