package dev.shardwise.domains.platform.orm;

import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.ShardSession;
import dev.shardwise.routing.exec.ShardWork;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * Hibernate sessions bound to exactly one logical shard, opened inside the router's units of
 * work. There is one session factory per schema domain, mapping only that domain's entities, so a
 * session cannot even name another domain's tables.
 *
 * <p>{@link #write} runs the callback in the router's fenced transaction and flushes the session
 * before the router commits; {@link #read} runs it in autocommit mode. Sessions must not escape
 * the callback.
 */
public final class ShardedSessions implements AutoCloseable {

    private final Router router;
    private final Map<String, Domain> domains = new TreeMap<>();

    private record Domain(SchemaDomain schema, SessionFactory factory, ShardBoundConnections connections) {
    }

    /** {@code entities}: each domain's entity classes, by domain name. */
    public ShardedSessions(Router router, SchemaDomains schemaDomains, Map<String, List<Class<?>>> entities) {
        this.router = Objects.requireNonNull(router, "router");
        entities.forEach((name, classes) -> {
            SchemaDomain schema = schemaDomains.domain(name);
            var connections = new ShardBoundConnections();
            domains.put(name, new Domain(schema, buildFactory(connections, classes), connections));
        });
    }

    private static SessionFactory buildFactory(ShardBoundConnections connections, List<Class<?>> classes) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                // Sessions never get a connection at boot, so name the database instead of probing it.
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, "15")
                .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
                .applySetting(AvailableSettings.MULTI_TENANT_CONNECTION_PROVIDER, connections)
                .applySetting(AvailableSettings.ALLOW_UPDATE_OUTSIDE_TRANSACTION, true)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .build();
        MetadataSources sources = new MetadataSources(registry);
        classes.forEach(sources::addAnnotatedClass);
        return sources.buildMetadata().buildSessionFactory();
    }

    /** Runs {@code work} with a session on the shard that owns {@code key}, in a fenced transaction. */
    public <T> T write(String domain, ShardKey key, Function<Session, T> work) {
        Domain d = domain(domain);
        return router.write(d.schema().keyspace(), key, unit(d, work, true));
    }

    /** Runs {@code work} with a session on the shard that owns {@code key}, without a transaction. */
    public <T> T read(String domain, ShardKey key, Function<Session, T> work) {
        Domain d = domain(domain);
        return router.read(d.schema().keyspace(), key, unit(d, work, false));
    }

    private static <T> ShardWork<T> unit(Domain d, Function<Session, T> work, boolean flush) {
        return (ShardSession shard) -> {
            String tenant = shard.destination().shard().toString();
            try (AutoCloseable lent = d.connections().lend(tenant, shard.connection());
                 Session session = d.factory().withOptions().tenantIdentifier(tenant).openSession()) {
                T result = work.apply(session);
                if (flush) {
                    session.flush();
                }
                return result;
            } catch (RuntimeException e) {
                // Hand the driver's error to the router so it can tell a lost cluster from a bad statement.
                throw sqlCause(e).orElseThrow(() -> e);
            } catch (java.sql.SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing a Hibernate session failed", e);
            }
        };
    }

    private static java.util.Optional<java.sql.SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return java.util.Optional.of(sql);
            }
        }
        return java.util.Optional.empty();
    }

    private Domain domain(String name) {
        Domain d = domains.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no Hibernate mapping for domain '" + name + "'; mapped: "
                    + domains.keySet());
        }
        return d;
    }

    public SessionFactory factory(String domain) {
        return domain(domain).factory();
    }

    @Override
    public void close() {
        domains.values().forEach(d -> d.factory().close());
    }
}
