package dev.shardwise.domains.platform.orm;

import dev.shardwise.domains.catalog.DomainName;
import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.ShardSession;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.spi.StatementContext.AccessMode;
import dev.shardwise.shardmap.KeyspaceName;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * Hibernate sessions bound to exactly one logical shard, opened inside the router's units of
 * work. There is one session factory per schema domain, mapping only that domain's entities, so a
 * session cannot even name another domain's tables.
 *
 * <p>{@link #run} takes the same {@link Unit} as {@link Router#run}: a write runs the callback in
 * the router's fenced transaction and flushes the session before the router commits; a read runs
 * it in autocommit mode, where the unit's read policy allows (a replica, for read-your-writes
 * reads), with a read-only session that never flushes. Sessions must not escape the callback. A
 * driver error inside it reaches the router as the {@link SQLException} it is, so a lost cluster
 * and a bad statement stay distinguishable.
 */
public final class ShardedSessions implements AutoCloseable {

    private final Router router;
    private final Map<KeyspaceName, Domain> byKeyspace = new TreeMap<>();

    private record Domain(SchemaDomain schema, SessionFactory factory, ShardBoundConnections connections) {
    }

    /** {@code entities}: each domain's entity classes, by domain name. */
    public ShardedSessions(Router router, SchemaDomains schemaDomains, Map<DomainName, List<Class<?>>> entities) {
        this.router = Objects.requireNonNull(router, "router");
        entities.forEach((name, classes) -> {
            SchemaDomain schema = schemaDomains.domain(name);
            var connections = new ShardBoundConnections();
            byKeyspace.put(schema.keyspace(), new Domain(schema, buildFactory(connections, classes), connections));
        });
    }

    private static SessionFactory buildFactory(ShardBoundConnections connections, List<Class<?>> classes) {
        // Hibernate resolves entity classes by name. Under an application container (Quarkus) the
        // entities' loader is not Hibernate's own, and a class loaded twice would be a second,
        // unknown entity type: resolve them where they were loaded.
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder()
                .applyClassLoader(classes.getFirst().getClassLoader()).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                // Sessions never get a connection at boot, so name the database instead of probing it.
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, "15")
                .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
                .applySetting(AvailableSettings.MULTI_TENANT_CONNECTION_PROVIDER, connections)
                .applySetting(AvailableSettings.ALLOW_UPDATE_OUTSIDE_TRANSACTION, true)
                // The session's connection is the unit of work's, lent for exactly the session's
                // life: hold it, instead of releasing and re-acquiring it after every statement
                // of an autocommit read.
                .applySetting(AvailableSettings.CONNECTION_HANDLING, "DELAYED_ACQUISITION_AND_HOLD")
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                // The entities map no associations, so Hibernate could not order inserts by the
                // schema's foreign keys (memberships -> workspaces, blocks -> pages): keep the order
                // the unit of work persisted them in, which is parent first.
                .applySetting(AvailableSettings.ORDER_INSERTS, false)
                // Set-based writes run as named SQL on the session's connection (ADR 0012), past
                // any Hibernate cache: caches that could hold a row those writes changed stay off.
                .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, false)
                .applySetting(AvailableSettings.USE_QUERY_CACHE, false)
                .build();
        MetadataSources sources = new MetadataSources(registry);
        classes.forEach(sources::addAnnotatedClass);
        return sources.buildMetadata().buildSessionFactory();
    }

    /** Runs {@code work} with a session on the shard {@code unit} targets, as the router runs {@code unit}. */
    public <T> T run(Unit unit, SessionWork<T> work) {
        Domain d = domain(unit.target().keyspace());
        boolean flush = unit.mode() == AccessMode.WRITE;
        return router.run(unit, shard -> inSession(d, shard, work, flush));
    }

    /**
     * Runs the read {@code unit} with a stateless session on its shard: for loads by id and
     * queries whose entities the caller only reads, the cheapest way through Hibernate (no
     * persistence context to fill, snapshot or flush). A write unit is refused: writes need the
     * stateful session's flush inside the router's transaction ({@link #run}).
     */
    public <T> T read(Unit unit, StatelessWork<T> work) {
        if (unit.mode() != AccessMode.READ) {
            throw new IllegalArgumentException("ShardedSessions.read takes read units only; run writes with"
                    + " ShardedSessions.run, whose session flushes inside the router's transaction");
        }
        Domain d = domain(unit.target().keyspace());
        return router.run(unit, shard -> {
            String tenant = shard.destination().shard().toString();
            try (AutoCloseable lent = d.connections().lend(tenant, shard.connection());
                 StatelessSession session = d.factory().withStatelessOptions().tenantIdentifier(tenant)
                         .openStatelessSession()) {
                return work.run(session);
            } catch (Exception e) {
                throw unwrap(e);
            }
        });
    }

    private static <T> T inSession(Domain d, ShardSession shard, SessionWork<T> work, boolean flush)
            throws SQLException {
        String tenant = shard.destination().shard().toString();
        try (AutoCloseable lent = d.connections().lend(tenant, shard.connection());
             Session session = open(d, tenant, flush)) {
            T result = work.run(session);
            if (flush) {
                session.flush();
            }
            return result;
        } catch (Exception e) {
            throw unwrap(e);
        }
    }

    /**
     * The driver's error inside {@code e}, so the router can tell a lost cluster from a bad
     * statement; a runtime exception without one as it is; anything else (a failing close).
     */
    private static SQLException unwrap(Exception e) {
        if (e instanceof SQLException sql) {
            return sql;
        }
        if (e instanceof RuntimeException r) {
            Optional<SQLException> cause = sqlCause(r);
            if (cause.isEmpty()) {
                throw r;
            }
            return cause.get();
        }
        throw new IllegalStateException("closing a Hibernate session failed", e);
    }

    /**
     * A session for {@code tenant}; a read unit's is read-only with manual flushing: what it loads
     * gets no snapshot for dirty checking, and nothing it changes is ever written (a read unit has
     * no transaction to write in).
     */
    private static Session open(Domain d, String tenant, boolean writes) {
        var builder = d.factory().withOptions().tenantIdentifier(tenant);
        if (!writes) {
            builder.readOnly(true).flushMode(FlushMode.MANUAL);
        }
        return builder.openSession();
    }

    private static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private Domain domain(KeyspaceName keyspace) {
        Domain d = byKeyspace.get(keyspace);
        if (d == null) {
            throw new IllegalArgumentException("no Hibernate mapping for keyspace '" + keyspace + "'; mapped: "
                    + byKeyspace.keySet() + " (pass the domain's entities in DataAccess.Settings.withEntities)");
        }
        return d;
    }

    @Override
    public void close() {
        byKeyspace.values().forEach(d -> d.factory().close());
    }
}
