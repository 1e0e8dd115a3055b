package dev.shardwise.routing.error;

import dev.shardwise.shardmap.ShardId;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A statement failed on a reachable shard (constraint violation, syntax error, serialization
 * failure …). The transaction was rolled back. {@link #sqlState()} tells which; serialization
 * failures and deadlocks are retryable.
 */
public final class ShardQueryException extends RoutingException {

    private final String sqlState;

    public ShardQueryException(ShardId shard, String cluster, SQLException cause) {
        super("statement failed on shard " + shard + " (cluster " + cluster + ", SQLSTATE " + cause.getSQLState()
                + "): " + cause.getMessage(), Optional.of(shard), cause);
        this.sqlState = cause.getSQLState() == null ? "" : cause.getSQLState();
    }

    public String sqlState() {
        return sqlState;
    }

    @Override
    public Code code() {
        return Code.SHARD_QUERY_FAILED;
    }

    @Override
    public boolean retryable() {
        return sqlState.equals("40001") || sqlState.equals("40P01");
    }
}
