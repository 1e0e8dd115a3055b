package dev.shardwise.routing.exec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.sql.SqlQualifier;
import dev.shardwise.shardmap.KeyspaceName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Per keyspace, rewrites SQL for one shard by qualifying the keyspace's tables with the shard's
 * schema. Templates are cached by SQL text; the cache is bounded because applications that
 * inline literals into SQL would otherwise grow it without end. Past the bound Caffeine evicts
 * the texts least likely to come back (size-based, W-TinyLFU), so the statements in steady use
 * stay cached while one-off texts churn.
 */
final class ShardSqlRewriter {

    private static final int MAX_CACHED_STATEMENTS = 20_000;

    private record Keyspace(SqlQualifier qualifier, Cache<String, SqlQualifier.Template> templates) {
    }

    private final Map<KeyspaceName, Keyspace> keyspaces;

    ShardSqlRewriter(Map<KeyspaceName, Set<String>> tablesByKeyspace) {
        var built = new java.util.HashMap<KeyspaceName, Keyspace>();
        tablesByKeyspace.forEach((keyspace, tables) ->
                built.put(keyspace, new Keyspace(new SqlQualifier(tables),
                        Caffeine.newBuilder().maximumSize(MAX_CACHED_STATEMENTS).build())));
        this.keyspaces = Map.copyOf(built);
    }

    /** The rewrite for a destination, or empty when its keyspace's tables are not known. */
    Optional<UnaryOperator<String>> forShard(Destination destination) {
        Keyspace keyspace = keyspaces.get(destination.shard().keyspace());
        if (keyspace == null) {
            return Optional.empty();
        }
        String schema = destination.schema();
        return Optional.of(sql -> template(keyspace, sql).render(schema));
    }

    private static SqlQualifier.Template template(Keyspace keyspace, String sql) {
        return keyspace.templates().get(sql, keyspace.qualifier()::template);
    }
}
