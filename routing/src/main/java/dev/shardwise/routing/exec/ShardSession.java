package dev.shardwise.routing.exec;

import dev.shardwise.routing.Destination;
import java.sql.Connection;

/**
 * A connection bound to one logical shard for one unit of work: unqualified names of the shard's
 * keyspace tables resolve to that shard's tables (the router qualifies them with the shard's schema,
 * or, for keyspaces it has no table list for, sets the {@code search_path}). The router owns the
 * transaction: do not commit, roll back or close the connection.
 */
public record ShardSession(Connection connection, Destination destination) {
}
