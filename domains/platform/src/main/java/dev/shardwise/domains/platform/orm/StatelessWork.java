package dev.shardwise.domains.platform.orm;

import java.sql.SQLException;
import org.hibernate.StatelessSession;

/**
 * A read with a Hibernate stateless session bound to one logical shard: entities come back
 * detached, with no persistence context, snapshot or event listeners behind them. It must not keep
 * the session after returning, and it does not write (the unit is a read, in autocommit mode).
 */
@FunctionalInterface
public interface StatelessWork<T> {

    T run(StatelessSession session) throws SQLException;
}
