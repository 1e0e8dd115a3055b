package dev.shardwise.domains.platform.orm;

import java.sql.SQLException;
import org.hibernate.Session;

/**
 * A unit of work with a Hibernate session bound to one logical shard. It must not keep the session
 * after returning; the router owns the transaction (do not begin, commit or roll back).
 */
@FunctionalInterface
public interface SessionWork<T> {

    T run(Session session) throws SQLException;
}
