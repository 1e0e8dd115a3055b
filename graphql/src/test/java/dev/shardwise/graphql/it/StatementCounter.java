package dev.shardwise.graphql.it;

import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A test-only statement hook, picked up by the application's router as a CDI bean: records the
 * statements sent through the router while {@link #during} runs an action. Statements from the
 * application's own background loops (outbox relay, membership consumer: threads named
 * {@code shardwise-*}) are left out, so only request work is counted.
 */
@Singleton
public class StatementCounter implements StatementHook {

    /** One statement as the router was about to send it. */
    public record Statement(ShardId shard, StatementContext.AccessMode mode, String thread, String sql) {
    }

    private final List<Statement> recorded = new CopyOnWriteArrayList<>();
    private volatile boolean recording;

    @Override
    public void beforeStatement(StatementContext context, String sql) {
        String thread = Thread.currentThread().getName();
        if (recording && !thread.startsWith("shardwise-")) {
            recorded.add(new Statement(context.destination().shard(), context.mode(), thread, sql));
        }
    }

    /** Runs {@code action} and returns the statements request threads sent meanwhile. */
    public synchronized List<Statement> during(Runnable action) {
        recorded.clear();
        recording = true;
        try {
            action.run();
        } finally {
            recording = false;
        }
        return List.copyOf(recorded);
    }

    static Map<ShardId, Long> perShard(List<Statement> statements) {
        return statements.stream().collect(Collectors.groupingBy(Statement::shard, Collectors.counting()));
    }

    static ShardId shardOf(Router router, KeyspaceName keyspace, UUID key) {
        return router.route(keyspace, List.of(ShardKey.of(key))).keysByDestination().firstEntry().getKey().shard();
    }
}
