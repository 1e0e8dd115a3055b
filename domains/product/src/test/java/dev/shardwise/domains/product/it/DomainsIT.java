package dev.shardwise.domains.product.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductDomains;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.domains.product.model.content.Page;
import dev.shardwise.domains.product.model.content.Workspace;
import dev.shardwise.domains.product.model.global.ClaimState;
import dev.shardwise.domains.product.model.global.EmailClaim;
import dev.shardwise.domains.product.model.identity.UserAccount;
import dev.shardwise.domains.product.testing.Linting;
import dev.shardwise.domains.schema.MigrationReport;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.error.ShardQueryException;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reference domains on the real fleet: bootstrap, per-shard migrations, Hibernate on every shard. */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainsIT {

    private final Clock clock = Clock.systemUTC();
    private final UuidV7 ids = new UuidV7(clock);
    private ControlPlane controlPlane;
    private DataAccess data;

    @BeforeAll
    void setUp(Fleet fleet) {
        controlPlane = new ControlPlane(fleet.endpoints(), SchemaDomains.load(), clock, System.out::println);
        controlPlane.bootstrap();
        controlPlane.migrateAll();
        data = DataAccess.open(fleet.endpoints(), DataAccess.Settings.of(controlPlane,
                        PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(4, 2))
                .withEntities(ProductEntities.byDomain())
                .withHooks(List.of(Linting.raising())), clock);
    }

    @AfterAll
    void tearDown() {
        data.close();
        controlPlane.close();
    }

    @Test
    void migrationsReachEveryShardAndAreIdempotent() {
        List<MigrationReport> again = controlPlane.migrateAll();
        assertThat(again).extracting(MigrationReport::domain)
                .containsExactly(ProductDomains.GLOBAL, ProductDomains.IDENTITY, ProductDomains.CONTENT);
        assertThat(again).allSatisfy(r -> {
            assertThat(r.failures()).isEmpty();
            assertThat(r.migrationsExecuted()).as("second run of %s applies nothing", r.domain()).isZero();
        });
        // The newest migration of each domain: content V2 (invitations), identity V3 (pending invitations).
        assertThat(again.get(2).shards()).hasSize(16).allSatisfy(s -> assertThat(s.version()).contains("2"));
        assertThat(controlPlane.expectedSchemaVersions()).containsEntry(KeyspaceName.of("content"), "2")
                .containsEntry(KeyspaceName.of("identity"), "3").containsEntry(KeyspaceName.of("global"), "1");
    }

    @Test
    void hibernateWritesAndReadsLandOnEveryContentShard() {
        Set<ShardId> shards = new HashSet<>();
        Map<UUID, UUID> pageByWorkspace = new java.util.HashMap<>();
        for (int n = 0; n < 160; n++) {
            int i = n;
            UUID workspaceId = ids.next();
            UUID pageId = ids.next();
            UUID owner = ids.next();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            data.sessions().run(Unit.write(KeyspaceName.of("content"), ShardKey.of(workspaceId)), s -> {
                s.persist(new Workspace(workspaceId, "ws " + i, owner, now, now));
                s.persist(new Page(pageId, workspaceId, null, "page " + i, owner, now, now));
                return null;
            });
            pageByWorkspace.put(workspaceId, pageId);
            shards.add(data.router().route(KeyspaceName.of("content"), List.of(ShardKey.of(workspaceId))).destinations().getFirst().shard());
        }
        assertThat(shards).hasSize(16);
        pageByWorkspace.forEach((workspaceId, pageId) -> {
            Page page = page(workspaceId, workspaceId, pageId);
            assertThat(page).isNotNull();
            assertThat(page.getWorkspaceId()).isEqualTo(workspaceId);
        });
        UUID someWorkspace = pageByWorkspace.keySet().iterator().next();
        UUID somePage = pageByWorkspace.get(someWorkspace);
        UUID otherWorkspace = pageByWorkspace.keySet().stream()
                .filter(w -> !shardOf(w).equals(shardOf(someWorkspace))).findFirst().orElseThrow();
        Page viaWrongShard = page(otherWorkspace, someWorkspace, somePage);
        assertThat(viaWrongShard).as("a session only sees its own shard's rows").isNull();
    }

    @Test
    void aReadUnitsSessionIsReadOnlyAndNeverWritesAChange() {
        UUID workspaceId = ids.next();
        UUID pageId = ids.next();
        KeyspaceName content = KeyspaceName.of("content");
        persistPage(workspaceId, pageId, "kept title");
        boolean readOnly = data.sessions().run(Unit.read(content, ShardKey.of(workspaceId)), s -> {
            Page page = s.createSelectionQuery("from Page p where p.id = :id and p.workspaceId = :workspace", Page.class)
                    .setParameter("id", pageId).setParameter("workspace", workspaceId).getSingleResult();
            page.setTitle("changed in a read unit");
            // A query in AUTO flush mode would flush the change first; a read unit's session never does.
            s.createSelectionQuery("select p.title from Page p where p.id = :id and p.workspaceId = :workspace",
                    String.class).setParameter("id", pageId).setParameter("workspace", workspaceId).getSingleResult();
            return s.isReadOnly(page);
        });
        assertThat(readOnly).isTrue();
        assertThat(page(workspaceId, workspaceId, pageId).getTitle()).isEqualTo("kept title");
    }

    @Test
    void unshardedGlobalAndShardedIdentityWorkSideBySide() {
        UUID userId = ids.next();
        String email = "user-" + userId + "@example.com";
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        data.sessions().run(Unit.write(KeyspaceName.of("global"), ShardKey.unsharded()), s -> {
            s.persist(new EmailClaim(email, userId, ClaimState.PENDING, now, now.plusSeconds(60)));
            return null;
        });
        data.sessions().run(Unit.write(KeyspaceName.of("identity"), ShardKey.of(userId)), s -> {
            s.persist(new UserAccount(userId, email, "User", now, now));
            return null;
        });
        EmailClaim claim = data.sessions().run(Unit.read(KeyspaceName.of("global"), ShardKey.unsharded()), s -> s.find(EmailClaim.class, email));
        assertThat(claim.getUserId()).isEqualTo(userId);
        UserAccount user = data.sessions().run(Unit.read(KeyspaceName.of("identity"), ShardKey.of(userId)), s -> s.find(UserAccount.class, userId));
        assertThat(user.getEmail()).isEqualTo(email);
    }

    @Test
    void aStatelessReadLoadsFromTheShardAndWriteUnitsAreRefused() {
        UUID workspaceId = ids.next();
        UUID pageId = ids.next();
        KeyspaceName content = KeyspaceName.of("content");
        persistPage(workspaceId, pageId, "stateless title");
        // Pinned on the shard key, as the raising linter demands (a bare get(Page.class, id) is refused).
        String pinned = "from Page p where p.id = :id and p.workspaceId = :workspace";
        Page read = data.sessions().read(Unit.read(content, ShardKey.of(workspaceId)), s -> s.createSelectionQuery(pinned,
                Page.class).setParameter("id", pageId).setParameter("workspace", workspaceId).uniqueResult());
        assertThat(read.getTitle()).isEqualTo("stateless title");
        assertThat(read.getWorkspaceId()).isEqualTo(workspaceId);
        Page missing = data.sessions().read(Unit.read(content, ShardKey.of(workspaceId)), s -> s.createSelectionQuery(
                pinned, Page.class).setParameter("id", ids.next()).setParameter("workspace", workspaceId).uniqueResult());
        assertThat(missing).isNull();
        assertThatThrownBy(() -> data.sessions().read(Unit.write(content, ShardKey.of(workspaceId)),
                s -> s.get(Page.class, pageId)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ShardedSessions.run");
        // A driver error inside the stateless read reaches the caller as the shard's query failure.
        assertThatThrownBy(() -> data.sessions().read(Unit.read(content, ShardKey.of(workspaceId)),
                s -> s.createNativeQuery("SELECT no_such_column FROM pages WHERE workspace_id = :w", Object.class)
                        .setParameter("w", workspaceId).getResultList()))
                .isInstanceOf(ShardQueryException.class).hasMessageContaining(shardOf(workspaceId).toString());
    }

    @Test
    void aFailedWriteIsRolledBackWholeAndReportsTheShard() {
        UUID workspaceId = ids.next();
        UUID owner = ids.next();
        Instant now = clock.instant();
        assertThatThrownBy(() -> data.sessions().run(Unit.write(KeyspaceName.of("content"), ShardKey.of(workspaceId)), s -> {
            s.persist(new Workspace(workspaceId, "fine", owner, now, now));
            s.flush();
            s.persist(new Page(ids.next(), workspaceId, null, "x".repeat(501), owner, now, now));
            return null;
        })).isInstanceOf(ShardQueryException.class).hasMessageContaining("content/");
        Workspace absent = data.sessions().run(Unit.read(KeyspaceName.of("content"), ShardKey.of(workspaceId)), s -> s.find(Workspace.class, workspaceId));
        assertThat(absent).as("the workspace insert was rolled back with the failed page").isNull();
    }

    /**
     * Reads a page on the shard of {@code routeBy}. A sharded entity is looked up with its shard
     * key too: {@code find(Page.class, id)} alone would be an unscoped query, which the linter refuses.
     */
    /** A workspace with one page titled {@code title}, written in one unit on the workspace's shard. */
    private void persistPage(UUID workspaceId, UUID pageId, String title) {
        UUID owner = ids.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        data.sessions().run(Unit.write(KeyspaceName.of("content"), ShardKey.of(workspaceId)), s -> {
            s.persist(new Workspace(workspaceId, title + " ws", owner, now, now));
            s.persist(new Page(pageId, workspaceId, null, title, owner, now, now));
            return null;
        });
    }

    private Page page(UUID routeBy, UUID workspaceId, UUID pageId) {
        return data.sessions().run(Unit.read(KeyspaceName.of("content"), ShardKey.of(routeBy)), s -> s.createSelectionQuery(
                        "from Page p where p.id = :id and p.workspaceId = :workspace", Page.class)
                .setParameter("id", pageId).setParameter("workspace", workspaceId).uniqueResult());
    }

    private ShardId shardOf(UUID workspaceId) {
        ShardMap map = data.router().map();
        return dev.shardwise.routing.ShardRouter.route(map, KeyspaceName.of("content"), ShardKey.of(workspaceId)).shard();
    }
}
