package dev.shardwise.domains.platform.orm;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

/**
 * Hibernate's connection provider, with the logical shard as tenant. It never opens connections:
 * it hands a session the one connection the router lent for the current unit of work on this
 * thread, and only if the session's tenant is that unit's shard. A session therefore cannot reach
 * any shard but the one it was opened for, and fencing, pooling and transactions stay the
 * router's.
 */
final class ShardBoundConnections implements MultiTenantConnectionProvider<String> {

    private record Lent(String tenant, Connection connection) {
    }

    private final ThreadLocal<Lent> lent = new ThreadLocal<>();

    /** Lends {@code connection} for {@code tenant} until the returned scope is closed. */
    AutoCloseable lend(String tenant, Connection connection) {
        Lent previous = lent.get();
        lent.set(new Lent(tenant, connection));
        return () -> {
            if (previous == null) {
                lent.remove();
            } else {
                lent.set(previous);
            }
        };
    }

    @Override
    public Connection getConnection(String tenant) throws SQLException {
        Lent current = Optional.ofNullable(lent.get()).orElseThrow(() -> new SQLException(
                "Hibernate session for shard " + tenant + " used outside its unit of work; open sessions only "
                        + "through ShardedSessions.run and do not keep them after the callback returns"));
        if (!current.tenant().equals(tenant)) {
            throw new SQLException("Hibernate session for shard " + tenant + " asked for a connection while the "
                    + "current unit of work is bound to shard " + current.tenant()
                    + "; one session serves exactly one logical shard");
        }
        return current.connection();
    }

    @Override
    public void releaseConnection(String tenant, Connection connection) {
        // The router owns the connection and returns it to its pool when the unit of work ends.
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        throw new SQLException("Shardwise sessions have no default connection: every session names its shard");
    }

    @Override
    public void releaseAnyConnection(Connection connection) {
        // Never lent one.
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("cannot unwrap " + getClass().getName() + " as " + type.getName());
    }
}
