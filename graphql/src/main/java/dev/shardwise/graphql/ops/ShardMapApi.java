package dev.shardwise.graphql.ops;

import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** The shard map as this instance routes with it. */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class ShardMapApi {

    private final Router router;

    @Inject
    public ShardMapApi(Router router) {
        this.router = router;
    }

    @Query("shardMap")
    @NonNull
    @Description("The shard map this instance currently routes with.")
    public ShardMapView shardMap() {
        return new ShardMapView(router.map(), router.clusterHealth());
    }

    @NonNull
    @Description("The logical shards, ordered by keyspace and number; only those of `keyspace` if given.")
    public List<@NonNull ShardView> shards(@Source ShardMapView view,
                                           @Name("keyspace") @Description("a keyspace name") String keyspace)
            throws ApiException {
        ShardMap map = view.snapshot();
        if (keyspace == null) {
            return map.shards().values().stream().map(s -> ShardView.of(map, s)).toList();
        }
        KeyspaceName name = map.keyspaces().keySet().stream().filter(k -> k.value().equals(keyspace)).findFirst()
                .orElseThrow(() -> ApiException.badUserInput("unknown keyspace '" + keyspace + "'; known keyspaces: "
                        + map.keyspaces().keySet().stream().map(KeyspaceName::value).collect(Collectors.joining(", "))));
        return map.shardsOf(name).stream().map(s -> ShardView.of(map, s)).toList();
    }
}
