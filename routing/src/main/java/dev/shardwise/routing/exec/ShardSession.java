package dev.shardwise.routing.exec;

import dev.shardwise.routing.Destination;
import java.sql.Connection;

/**
 * A connection bound to one logical shard for one unit of work: its {@code search_path} is the
 * shard's schema, so unqualified table names resolve to that shard's tables. The router owns the
 * transaction: do not commit, roll back or close the connection.
 */
public record ShardSession(Connection connection, Destination destination) {
}
