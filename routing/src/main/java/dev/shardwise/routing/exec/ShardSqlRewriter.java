package dev.shardwise.routing.exec;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.sql.SqlQualifier;
import dev.shardwise.shardmap.KeyspaceName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Per keyspace, rewrites SQL for one shard by qualifying the keyspace's tables with the shard's
 * schema. Templates are cached by SQL text; the cache is bounded because applications that
 * inline literals into SQL would otherwise grow it without end.
 */
final class ShardSqlRewriter {

    private static final int MAX_CACHED_STATEMENTS = 20_000;

    private record Keyspace(SqlQualifier qualifier, Map<String, SqlQualifier.Template> templates) {
    }

    private final Map<KeyspaceName, Keyspace> keyspaces;

    ShardSqlRewriter(Map<KeyspaceName, Set<String>> tablesByKeyspace) {
        var built = new java.util.HashMap<KeyspaceName, Keyspace>();
        tablesByKeyspace.forEach((keyspace, tables) ->
                built.put(keyspace, new Keyspace(new SqlQualifier(tables), new ConcurrentHashMap<>())));
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
        SqlQualifier.Template cached = keyspace.templates().get(sql);
        if (cached != null) {
            return cached;
        }
        if (keyspace.templates().size() >= MAX_CACHED_STATEMENTS) {
            keyspace.templates().clear();
        }
        SqlQualifier.Template made = keyspace.qualifier().template(sql);
        keyspace.templates().put(sql, made);
        return made;
    }
}
