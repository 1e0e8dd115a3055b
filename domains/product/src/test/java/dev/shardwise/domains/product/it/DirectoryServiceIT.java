package dev.shardwise.domains.product.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Keys.WorkspaceKey;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.api.Views.UserWorkspaceView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.directory.DirectoryService;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.domains.product.testing.Linting;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** "My workspaces" on the real fleet: order, keyset pages, dangling entries, one statement per shard. */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryServiceIT {

    private final Clock clock = Clock.systemUTC();
    private final UuidV7 ids = new UuidV7(clock);
    /** Every statement sent through the router: the shard it went to. */
    private final List<ShardId> statements = new CopyOnWriteArrayList<>();
    private ControlPlane controlPlane;
    private DataAccess data;
    private DirectoryService directory;

    @BeforeAll
    void setUp(Fleet fleet) {
        controlPlane = new ControlPlane(fleet.endpoints(), SchemaDomains.load(), clock, System.out::println);
        controlPlane.bootstrap();
        controlPlane.migrateAll();
        StatementHook counter = (StatementContext context, String sql) -> statements.add(context.destination().shard());
        data = DataAccess.open(fleet.endpoints(), DataAccess.Settings.of(controlPlane,
                        PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(4, 2))
                .withEntities(ProductEntities.byDomain())
                .withHooks(List.of(counter, Linting.raising())), clock);
        directory = new DirectoryService(ProductData.of(data, SchemaDomains.load()), clock);
    }

    @AfterAll
    void tearDown() {
        data.close();
        controlPlane.close();
    }

    @BeforeEach
    void forgetStatements() {
        statements.clear();
    }

    @Test
    void listsTheCallersWorkspacesNewestFirstWithOneStatementPerShard() {
        UUID user = ids.next();
        List<UserWorkspaceView> expected = joinMany(user, 10);
        long contentShards = expected.stream().map(v -> shard(KeyspaceName.of("content"), v.workspace().id())).distinct().count();
        assertThat(contentShards).as("workspaces spread over several content shards").isGreaterThan(3);

        directory.myWorkspaces(caller(user), 100, Optional.empty()); // verifies each shard's fence once
        statements.clear();
        Slice<UserWorkspaceView> all = directory.myWorkspaces(caller(user), 100, Optional.empty());

        assertThat(all.items()).containsExactlyElementsOf(expected);
        assertThat(all.hasNext()).isFalse();
        assertThat(statements).as("one read of the index, then one statement per content shard")
                .hasSize(1 + (int) contentShards).doesNotHaveDuplicates();
        assertThat(statements.getFirst()).isEqualTo(shard(KeyspaceName.of("identity"), user));
    }

    @Test
    void keysetPagesCoverTheListWithoutGapsOrDuplicates() {
        UUID user = ids.next();
        List<UserWorkspaceView> expected = joinMany(user, 7);
        List<UserWorkspaceView> seen = new ArrayList<>();
        Optional<WorkspaceKey> after = Optional.empty();
        Slice<UserWorkspaceView> page;
        int pages = 0;
        do {
            page = directory.myWorkspaces(caller(user), 2, after);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.items());
            UserWorkspaceView last = page.items().getLast();
            after = Optional.of(new WorkspaceKey(last.joinedAt(), last.workspace().id()));
            pages++;
        } while (page.hasNext());
        assertThat(pages).isEqualTo(4);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void entriesWhoseWorkspaceIsGoneAreLeftOutAndThePageIsToppedUp() {
        UUID user = ids.next();
        List<UserWorkspaceView> expected = joinMany(user, 4);
        // Dangling entries between the 2nd and 3rd newest: their workspaces were deleted.
        Instant between = expected.get(1).joinedAt().minusMillis(1);
        addEntry(user, ids.next(), Role.EDITOR, between);
        addEntry(user, ids.next(), Role.EDITOR, between);

        Slice<UserWorkspaceView> first = directory.myWorkspaces(caller(user), 3, Optional.empty());
        assertThat(first.items()).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(first.hasNext()).isTrue();
        UserWorkspaceView last = first.items().getLast();
        Slice<UserWorkspaceView> rest = directory.myWorkspaces(caller(user), 3,
                Optional.of(new WorkspaceKey(last.joinedAt(), last.workspace().id())));
        assertThat(rest.items()).containsExactly(expected.get(3));
        assertThat(rest.hasNext()).isFalse();
    }

    @Test
    void tiesOnJoinTimeAreBrokenByWorkspaceIdDescending() {
        UUID user = ids.next();
        Instant same = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<UserWorkspaceView> views = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            views.add(join(user, Role.VIEWER, same));
        }
        views.sort(Comparator.comparing((UserWorkspaceView v) -> v.workspace().id()).reversed());
        Slice<UserWorkspaceView> one = directory.myWorkspaces(caller(user), 1, Optional.empty());
        Slice<UserWorkspaceView> two = directory.myWorkspaces(caller(user), 2,
                Optional.of(new WorkspaceKey(same, one.items().getFirst().workspace().id())));
        assertThat(one.items()).containsExactly(views.get(0));
        assertThat(two.items()).containsExactly(views.get(1), views.get(2));
        assertThat(two.hasNext()).isFalse();
    }

    @Test
    void aUserWithoutWorkspacesGetsAnEmptySliceAndBadPageSizesAreRefused() {
        UUID user = ids.next();
        assertThat(directory.myWorkspaces(caller(user), 20, Optional.empty())).isEqualTo(Slice.empty());
        assertThatThrownBy(() -> directory.myWorkspaces(caller(user), 0, Optional.empty()))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(AppException.Code.BAD_USER_INPUT));
        assertThatThrownBy(() -> directory.myWorkspaces(caller(user), 101, Optional.empty()))
                .isInstanceOf(AppException.class);
    }

    // ---- fixtures ------------------------------------------------------------------------------

    /** {@code n} workspaces the user joined one second apart, newest first as the service returns them. */
    private List<UserWorkspaceView> joinMany(UUID user, int n) {
        Instant start = clock.instant().truncatedTo(ChronoUnit.MICROS).minusSeconds(n);
        List<UserWorkspaceView> views = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            views.add(join(user, Role.values()[i % Role.values().length], start.plusSeconds(i)));
        }
        return views.reversed();
    }

    private UserWorkspaceView join(UUID user, Role role, Instant joinedAt) {
        UUID workspaceId = ids.next();
        Instant created = joinedAt.minusSeconds(60);
        var workspace = new WorkspaceView(workspaceId, "ws " + workspaceId, created, ids.next());
        data.router().run(Unit.write(KeyspaceName.of("content"), ShardKey.of(workspaceId)), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "INSERT INTO workspaces (workspace_id, name, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setObject(1, workspaceId);
                ps.setString(2, workspace.name());
                ps.setObject(3, workspace.createdBy());
                ps.setObject(4, created.atOffset(ZoneOffset.UTC));
                ps.setObject(5, created.atOffset(ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
        addEntry(user, workspaceId, role, joinedAt);
        return new UserWorkspaceView(workspace, role, joinedAt);
    }

    private void addEntry(UUID user, UUID workspaceId, Role role, Instant joinedAt) {
        data.router().run(Unit.write(KeyspaceName.of("identity"), ShardKey.of(user)), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "INSERT INTO user_workspaces (user_id, workspace_id, role, joined_at) VALUES (?, ?, ?, ?)")) {
                ps.setObject(1, user);
                ps.setObject(2, workspaceId);
                ps.setString(3, role.name());
                ps.setObject(4, joinedAt.atOffset(ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
    }

    private Caller caller(UUID user) {
        return new Caller(user, ids.next());
    }

    private ShardId shard(KeyspaceName keyspace, UUID key) {
        return data.router().route(keyspace, List.of(ShardKey.of(key))).destinations().getFirst().shard();
    }
}
