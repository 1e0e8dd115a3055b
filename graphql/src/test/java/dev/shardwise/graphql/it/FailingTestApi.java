package dev.shardwise.graphql.it;

import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.routing.error.ShardUnavailableException;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

/** Test-only resolvers that fail the way real ones can, to check the error translation end to end. */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class FailingTestApi {

    static final String ADDRESS = "jdbc:postgresql://127.0.0.1:25420/shardwise";

    @Query("testUnavailableShard")
    public String unavailableShard() {
        throw new ShardUnavailableException(new ShardId(KeyspaceName.of("content"), 7), ClusterId.of("c2"),
                "refused connections (" + ADDRESS + ")", new ConnectException("127.0.0.1:25420"));
    }

    @Query("testUnexpectedFailure")
    public String unexpectedFailure() {
        throw new IllegalStateException("pool for " + ADDRESS + " is exhausted");
    }
}
