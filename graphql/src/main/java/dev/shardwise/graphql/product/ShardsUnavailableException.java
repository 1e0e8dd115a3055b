package dev.shardwise.graphql.product;

import dev.shardwise.shardmap.ShardId;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import io.smallrye.graphql.api.ErrorCode;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.GraphQLException;

/**
 * A cross-shard read answered from the healthy shards only: the response carries the partial
 * result as the field's data and one error with {@code extensions.code = "SHARDS_UNAVAILABLE"} and
 * {@code extensions.shards}, the missing shards as {@code keyspace/number} strings (never hosts), so
 * a client can show what it got and say that it is incomplete.
 *
 * <p>A {@link GraphQLException} with partial results (SmallRye then returns them as the field's
 * value) that is also a {@link GraphQLError}, whose extensions graphql-java copies onto the error.
 */
@ErrorCode("SHARDS_UNAVAILABLE")
public final class ShardsUnavailableException extends GraphQLException implements GraphQLError {

    private final List<String> shards;

    /**
     * @param missing the shards that did not answer; not empty
     * @param partial what the healthy shards answered, returned as the field's value
     */
    public ShardsUnavailableException(List<ShardId> missing, Object partial) {
        super(message(missing), partial);
        if (missing.isEmpty()) {
            throw new IllegalArgumentException("a partial result needs at least one missing shard");
        }
        this.shards = missing.stream().map(ShardId::toString).toList();
    }

    private static String message(List<ShardId> missing) {
        return "incomplete results: " + (missing.size() == 1 ? "shard " : "shards ")
                + missing.stream().map(ShardId::toString).collect(Collectors.joining(", "))
                + " did not answer; the results cover the other shards. Retry in a few seconds for all of them.";
    }

    /** The missing shards as {@code keyspace/number}. */
    public List<String> shards() {
        return shards;
    }

    @Override
    public List<SourceLocation> getLocations() {
        // graphql-java places the error at the failing field itself.
        return List.of();
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }

    /** SmallRye passes a JSON value through as is; any other value would reach the client as its toString. */
    @Override
    public Map<String, Object> getExtensions() {
        return Map.of("shards", Json.createArrayBuilder(shards).build());
    }

    /** The client never sees a stack trace, and this type's own is noise in logs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
