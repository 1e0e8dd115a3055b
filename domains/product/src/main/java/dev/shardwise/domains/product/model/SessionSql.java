package dev.shardwise.domains.product.model;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.RowMapper;
import dev.shardwise.aggregation.sql.ShardQuery;
import dev.shardwise.aggregation.sql.SqlParams;
import java.util.List;
import org.hibernate.Session;

/**
 * Named SQL inside a shard-bound Hibernate session, on the session's own connection (the unit's
 * shard, in the router's transaction, through the statement hooks): set-based writes (an
 * {@code INSERT … ON CONFLICT}, an {@code INSERT … SELECT}, an upsert, a compare-and-set
 * {@code UPDATE}, a delete by key) and the hot reads a write makes on its way (the caller's role).
 *
 * <p>Not Hibernate mutation queries: Hibernate translates an HQL {@code insert}/{@code update}/
 * {@code delete} again on every execution, and both HQL and native mutation queries queue
 * after-transaction cache clean-ups that never run here, because the router, not Hibernate,
 * commits (Hibernate then warns on every session close). Statements run at once, not at flush:
 * a unit that persists an entity a statement depends on flushes first.
 */
public final class SessionSql {

    private SessionSql() {
    }

    /** Every row {@code sql} returns (a query, or a write with {@code RETURNING}), mapped. */
    public static <T> List<T> list(Session session, NamedSql sql, SqlParams params, RowMapper<T> mapper) {
        return session.doReturningWork(connection -> new ShardQuery(connection).list(sql, params, mapper));
    }

    /** Runs {@code sql} on the session's connection; returns how many rows it changed. */
    public static int update(Session session, NamedSql sql, SqlParams params) {
        return session.doReturningWork(connection -> new ShardQuery(connection).update(sql, params));
    }
}
