package dev.shardwise.routing.exec;

import java.sql.SQLException;

/** A unit of work against one logical shard. It must not keep the session after returning. */
@FunctionalInterface
public interface ShardWork<T> {

    T run(ShardSession session) throws SQLException;
}
