package dev.shardwise.domains.product.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.linters.rules.Finding;
import dev.shardwise.linters.rules.Rule;
import dev.shardwise.linters.runtime.DomainLintException;
import dev.shardwise.linters.runtime.DomainLinterHook;
import dev.shardwise.linters.runtime.LinterMode;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runtime schema-domain linter under a real router, Hibernate and the fleet: the query linter
 * in raise and log mode, the transaction linter, and exemptions (allowlist and inline marker).
 */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainLintersIT {

    /** The raising linter's date, for the allowlist's expiry dates. */
    private static final Clock LINTER_CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private final Clock clock = Clock.systemUTC();
    private final UuidV7 ids = new UuidV7(clock);
    private ControlPlane controlPlane;
    private DomainLinterHook raisingLinter;
    private DomainLinterHook loggingLinter;
    private DataAccess raising;
    private DataAccess logging;

    @BeforeAll
    void setUp(Fleet fleet) {
        SchemaDomains domains = SchemaDomains.load();
        controlPlane = new ControlPlane(fleet.endpoints(), domains, clock, System.out::println);
        controlPlane.bootstrap();
        controlPlane.migrateAll();
        raisingLinter = DomainLinterHook.create(domains, Exemptions.fromClasspath("linting/allowlist-it.yml"),
                LinterMode.RAISE, LINTER_CLOCK);
        loggingLinter = DomainLinterHook.create(domains, Exemptions.none(), LinterMode.LOG, clock);
        PoolSettings pools = PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(3, 1);
        raising = DataAccess.open(fleet.endpoints(), DataAccess.Settings.of(domains,
                        controlPlane.expectedSchemaVersions(), pools)
                .withEntities(ProductEntities.byDomain())
                .withHooks(List.of(raisingLinter)), clock);
        logging = DataAccess.open(fleet.endpoints(), DataAccess.Settings.of(domains,
                        controlPlane.expectedSchemaVersions(), pools)
                .withEntities(ProductEntities.byDomain())
                .withHooks(List.of(loggingLinter)), clock);
    }

    @AfterAll
    void tearDown() {
        raising.close();
        logging.close();
        controlPlane.close();
    }

    @Test
    void aCrossDomainQueryThroughHibernateRaisesInRaiseMode() {
        UUID workspace = besideAnIdentityShard(raising.router());
        String sql = crossDomainSql(raising.router(), workspace);
        long before = raisingLinter.counters().count(Rule.CROSS_DOMAIN_QUERY);
        assertThatThrownBy(() -> raising.sessions().run(Unit.read(KeyspaceName.of("content"), ShardKey.of(workspace)), s -> s
                .createNativeQuery(sql, Long.class).setParameter(1, workspace).setParameter(2, ids.next())
                .getSingleResult()))
                .satisfies(e -> {
                    DomainLintException lint = lintCause(e).orElseThrow(() -> new AssertionError("no lint cause", e));
                    assertThat(lint.findings()).extracting(Finding::rule).containsExactly(Rule.CROSS_DOMAIN_QUERY);
                    assertThat(lint.getMessage()).contains("[cross-domain-query]", "JOIN " + identitySchema(
                                    raising.router(), workspace) + ".users", "pages (content)", "users (identity)",
                            "called from " + DomainLintersIT.class.getName(), "fix: split it into one query per domain");
                });
        assertThat(raisingLinter.counters().count(Rule.CROSS_DOMAIN_QUERY)).isEqualTo(before + 1);
    }

    @Test
    void theSameQueryRunsAndIsCountedInLogMode() {
        UUID workspace = besideAnIdentityShard(raising.router());
        String sql = crossDomainSql(logging.router(), workspace);
        long before = loggingLinter.counters().count(Rule.CROSS_DOMAIN_QUERY);
        Long rows = logging.sessions().run(Unit.read(KeyspaceName.of("content"), ShardKey.of(workspace)), s -> s
                .createNativeQuery(sql, Long.class).setParameter(1, workspace).setParameter(2, ids.next())
                .getSingleResult());
        assertThat(rows).as("the statement reached the database").isZero();
        assertThat(loggingLinter.counters().count(Rule.CROSS_DOMAIN_QUERY)).isEqualTo(before + 1);
        assertThat(loggingLinter.counters().mode()).isEqualTo(LinterMode.LOG);
    }

    @Test
    void nestedUnitsSpanningTwoDomainsRaiseAndTheOuterTransactionRollsBack() {
        UUID workspace = ids.next();
        Router router = raising.router();
        assertThatThrownBy(() -> router.run(Unit.write(KeyspaceName.of("content"), ShardKey.of(workspace)), s -> {
            insertWorkspace(s.connection(), workspace);
            return router.run(Unit.read(KeyspaceName.of("identity"), ShardKey.of(ids.next())), inner -> 1);
        })).isInstanceOfSatisfying(DomainLintException.class, e -> {
            assertThat(e.findings()).extracting(Finding::rule).containsExactly(Rule.CROSS_BOUNDARY_TRANSACTION);
            assertThat(e.getMessage()).contains("another schema domain", "identity/", "content/",
                    "called from " + DomainLintersIT.class.getName());
        });
        assertThat(workspaceExists(router, workspace)).as("the outer unit was rolled back").isFalse();
        Integer after = router.run(Unit.read(KeyspaceName.of("identity"), ShardKey.of(ids.next())), s -> 1);
        assertThat(after).as("every unit was ended: the thread starts clean").isEqualTo(1);
    }

    @Test
    void nestedUnitsOnTwoShardsOfOneDomainRaise() {
        Router router = raising.router();
        UUID first = ids.next();
        UUID second = ids.next();
        while (shard(router, second).equals(shard(router, first))) {
            second = ids.next();
        }
        UUID other = second;
        assertThatThrownBy(() -> router.run(Unit.write(KeyspaceName.of("content"), ShardKey.of(first)), s ->
                router.run(Unit.write(KeyspaceName.of("content"), ShardKey.of(other)), inner -> insertWorkspace(inner.connection(), other))))
                .isInstanceOfSatisfying(DomainLintException.class, e -> assertThat(e.getMessage())
                        .contains("[cross-boundary-transaction]", "another shard of keyspace 'content'"));
        assertThat(workspaceExists(router, other)).as("the inner unit never ran").isFalse();
        Integer inserted = router.run(Unit.write(KeyspaceName.of("content"), ShardKey.of(first)), s -> insertWorkspace(s.connection(), first));
        assertThat(inserted).as("units one after another are fine").isEqualTo(1);
    }

    @Test
    void anAllowlistedStatementPassesAndAnExpiredEntryFails() {
        Router router = raising.router();
        UUID workspace = ids.next();
        Long comments = router.run(Unit.read(KeyspaceName.of("content"), ShardKey.of(workspace)), s -> count(s.connection(),
                "SELECT count(*)\n  FROM comments"));
        assertThat(comments).isNotNegative();
        assertThatThrownBy(() -> router.run(Unit.read(KeyspaceName.of("content"), ShardKey.of(workspace)), s -> count(s.connection(),
                "SELECT count(*) FROM blocks")))
                .isInstanceOfSatisfying(DomainLintException.class, e -> {
                    assertThat(e.findings()).extracting(Finding::rule)
                            .containsExactlyInAnyOrder(Rule.UNSCOPED_SHARDED_QUERY, Rule.EXPIRED_EXEMPTION);
                    assertThat(e.getMessage()).contains("expired on 2026-01-31", "linters-it");
                });
    }

    @Test
    void anInlineMarkerWithAReasonPassesThroughHibernate() {
        UUID workspace = ids.next();
        Long pages = raising.sessions().run(Unit.read(KeyspaceName.of("content"), ShardKey.of(workspace)), s -> s.createNativeQuery(
                "/* shardwise:allow unscoped-sharded-query reason=\"IT: reviewed shard-wide count\" */"
                        + " SELECT count(*) FROM pages", Long.class).getSingleResult());
        assertThat(pages).isNotNegative();
        assertThatThrownBy(() -> raising.sessions().run(Unit.read(KeyspaceName.of("content"), ShardKey.of(workspace)), s -> s.createNativeQuery(
                "SELECT count(*) FROM pages", Long.class).getSingleResult()))
                .satisfies(e -> assertThat(lintCause(e)).isPresent());
    }

    /**
     * A join of content's pages with identity's users that Postgres can run: the users table of an
     * identity shard that lives on the same cluster, named with its schema.
     */
    private static String crossDomainSql(Router router, UUID workspace) {
        return "SELECT count(*) FROM pages p JOIN " + identitySchema(router, workspace)
                + ".users u ON u.user_id = p.created_by WHERE p.workspace_id = ? AND u.user_id = ?";
    }

    /**
     * A fresh workspace id whose content shard shares a cluster with an identity shard, so the
     * cross-domain join can run (a fleet that other tests rebalanced may have clusters with only one).
     */
    private UUID besideAnIdentityShard(Router router) {
        Set<ClusterId> withIdentity = router.scatter(KeyspaceName.of("identity")).all().stream()
                .map(Destination::cluster).collect(Collectors.toSet());
        return Stream.generate(ids::next).limit(1_000).filter(id -> withIdentity.contains(router.route(
                        KeyspaceName.of("content"), List.of(ShardKey.of(id))).destinations().getFirst().cluster()))
                .findFirst().orElseThrow(() -> new AssertionError("no cluster holds both content and identity shards"));
    }

    private static String identitySchema(Router router, UUID workspace) {
        Destination content = router.route(KeyspaceName.of("content"), List.of(ShardKey.of(workspace))).destinations().getFirst();
        return router.scatter(KeyspaceName.of("identity")).all().stream().filter(d -> d.cluster().equals(content.cluster()))
                .findFirst().orElseThrow().schema();
    }

    private static Object shard(Router router, UUID workspace) {
        return router.route(KeyspaceName.of("content"), List.of(ShardKey.of(workspace))).destinations().getFirst().shard();
    }

    private static Optional<DomainLintException> lintCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainLintException lint) {
                return Optional.of(lint);
            }
        }
        return Optional.empty();
    }

    private int insertWorkspace(Connection c, UUID workspace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO workspaces (workspace_id, name, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, workspace);
            ps.setString(2, "lint it");
            ps.setObject(3, ids.next());
            ps.setObject(4, clock.instant().atOffset(ZoneOffset.UTC));
            ps.setObject(5, clock.instant().atOffset(ZoneOffset.UTC));
            return ps.executeUpdate();
        }
    }

    private static boolean workspaceExists(Router router, UUID workspace) {
        return router.run(Unit.read(KeyspaceName.of("content"), ShardKey.of(workspace)), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT 1 FROM workspaces WHERE workspace_id = ?")) {
                ps.setObject(1, workspace);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
