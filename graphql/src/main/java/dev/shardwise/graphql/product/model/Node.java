package dev.shardwise.graphql.product.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * The Relay {@code Node} interface: every object with an id. The id is a {@code GlobalId}, so
 * {@code node(id)} fetches the object again from exactly one shard.
 */
@Interface("Node")
@Description("An object with a global id. `node(id)` fetches it again, reading exactly one shard.")
public interface Node {

    @Id
    @NonNull
    @Description("An opaque global id; pass it back as it is (never build or parse it).")
    String getId();
}
