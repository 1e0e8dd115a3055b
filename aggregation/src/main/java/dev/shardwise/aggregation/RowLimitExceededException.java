package dev.shardwise.aggregation;

/**
 * A fan-out would have buffered more rows than its {@link FanOutOptions#maxBufferedRows() cap}:
 * the query is too broad to merge in memory. Narrow it, lower its LIMIT or page with a cursor.
 */
public final class RowLimitExceededException extends RuntimeException {

    public RowLimitExceededException(int cap) {
        super("fan-out refused: the shards returned more than " + cap
                + " rows to merge in memory; narrow the query, lower its limit or page with a cursor");
    }
}
