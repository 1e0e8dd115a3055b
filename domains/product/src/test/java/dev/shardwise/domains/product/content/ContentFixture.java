package dev.shardwise.domains.product.content;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.ProductDomains;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEventCodec;
import dev.shardwise.domains.product.events.MembershipEvents;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.domains.product.testing.Linting;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ContentService} on the real fleet for integration tests: migrated shards, a router
 * whose statements are logged per thread, a map-backed email directory standing in for
 * {@code AuthApi.userIdByEmail}, and a recording {@link MembershipEvents}.
 */
public final class ContentFixture implements AutoCloseable {

    /** One outbox row as stored. */
    public record OutboxRow(UUID eventId, String partitionKey, String eventType, MembershipEvent payload) {
    }

    /** What {@link MembershipEvents#committed} was told. */
    public record Announcement(Caller caller, List<MembershipEvent> events) {
    }

    private static final KeyspaceName CONTENT = ProductDomains.from(SchemaDomains.load()).contentKeyspace();

    private final Clock clock = Clock.systemUTC();
    private final UuidV7 ids = new UuidV7(clock);
    private final Map<String, UUID> accounts = new ConcurrentHashMap<>();
    private final List<Announcement> announcements = new CopyOnWriteArrayList<>();
    private final Map<Thread, List<ShardId>> statements = new ConcurrentHashMap<>();
    private final ControlPlane controlPlane;
    private final DataAccess data;
    private final ContentService service;

    private ContentFixture(Fleet fleet) {
        controlPlane = new ControlPlane(fleet.endpoints(), SchemaDomains.load(), clock, System.out::println);
        controlPlane.bootstrap();
        // Only the content domain: the service touches nothing else, and other domains' migrations are not its concern.
        controlPlane.migrate(ProductDomains.CONTENT);
        StatementHook log = new StatementHook() {
            @Override
            public void beforeStatement(StatementContext context, String sql) {
                statements.computeIfAbsent(Thread.currentThread(), t -> new CopyOnWriteArrayList<>())
                        .add(context.destination().shard());
            }
        };
        data = DataAccess.open(fleet.endpoints(), DataAccess.Settings.of(controlPlane,
                        PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(12, 2))
                .withEntities(ProductEntities.byDomain())
                .withHooks(List.of(log, Linting.raising())), clock);
        service = serviceAt(clock);
    }

    public static ContentFixture open(Fleet fleet) {
        return new ContentFixture(fleet);
    }

    public ContentService service() {
        return service;
    }

    /** Another service on the same router, with its own event sink. */
    public ContentService serviceWith(MembershipEvents events) {
        return new ContentService(ProductData.of(data, SchemaDomains.load()),
                email -> Optional.ofNullable(accounts.get(email)), events, clock);
    }

    /** Another service on the same router whose clock is {@code clock} (e.g. weeks ahead), recording as {@link #service}. */
    public ContentService serviceAt(Clock clock) {
        return new ContentService(ProductData.of(data, SchemaDomains.load()),
                email -> Optional.ofNullable(accounts.get(email)),
                (caller, events) -> announcements.add(new Announcement(caller, List.copyOf(events))), clock);
    }

    public Router router() {
        return data.router();
    }

    public Clock clock() {
        return clock;
    }

    /** A fresh signed-in user without an email. */
    public Caller user() {
        return new Caller(ids.next(), ids.next());
    }

    /** A fresh signed-in user whose (lower-case) email the directory resolves. */
    public Caller user(String email) {
        Caller caller = user();
        accounts.put(email, caller.userId());
        return caller;
    }

    /** The user id {@link #user(String)} gave {@code email}. */
    public UUID userIdOf(String email) {
        return Optional.ofNullable(accounts.get(email)).orElseThrow(() -> new IllegalArgumentException(
                "no user was made for " + email + " (use user(email) first)"));
    }

    public List<Announcement> announcements() {
        return List.copyOf(announcements);
    }

    /** Forgets the statements this thread has sent so far. */
    public void resetStatements() {
        statements.remove(Thread.currentThread());
    }

    /** The shard of every statement this thread sent through the router since the last reset. */
    public List<ShardId> statements() {
        return List.copyOf(statements.getOrDefault(Thread.currentThread(), List.of()));
    }

    public ShardId shardOf(UUID workspaceId) {
        return router().route(CONTENT, List.of(ShardKey.of(workspaceId))).destinations().getFirst()
                .shard();
    }

    /** The workspace's outbox rows on its own shard, oldest first. */
    public List<OutboxRow> outbox(UUID workspaceId) {
        return router().run(Unit.read(CONTENT, ShardKey.of(workspaceId)), s -> {
            List<OutboxRow> rows = new ArrayList<>();
            try (PreparedStatement st = s.connection().prepareStatement("SELECT event_id, partition_key, event_type,"
                    + " payload::text FROM outbox WHERE workspace_id = ? ORDER BY created_at, event_id")) {
                st.setObject(1, workspaceId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new OutboxRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                MembershipEventCodec.fromJson(rs.getString(4))));
                    }
                }
            }
            return rows;
        });
    }

    /** How many rows of {@code table} belong to the workspace (the table name is a test constant). */
    public long count(String table, UUID workspaceId) {
        return router().run(Unit.read(CONTENT, ShardKey.of(workspaceId)), s -> {
            try (PreparedStatement st = s.connection().prepareStatement(
                    "SELECT count(*) FROM " + table + " WHERE workspace_id = ?")) {
                st.setObject(1, workspaceId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public void close() {
        data.close();
        controlPlane.close();
    }
}
