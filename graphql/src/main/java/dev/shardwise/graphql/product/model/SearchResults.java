package dev.shardwise.graphql.product.model;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The types of the {@code search} query: a hit (a page or a block plus a snippet) and its connection. */
public final class SearchResults {

    private SearchResults() {
    }

    @Type("SearchResult")
    @Description("A page whose title, or a block whose text, matches the search.")
    public record SearchResult(@NonNull @Description("The matching Page or Block.") Node node,
                               @NonNull @Description("The matched text around the first match (at most ~160 chars).")
                               String snippet) {
    }

    @Type("SearchResultEdge")
    public record SearchResultEdge(@NonNull String cursor, @NonNull SearchResult node) {
    }

    @Type("SearchResultConnection")
    @Description("Search hits across all the caller's workspaces, newest first.")
    public record SearchResultConnection(@NonNull List<@NonNull SearchResultEdge> edges,
                                         @NonNull Connections.PageInfo pageInfo) {
    }
}
