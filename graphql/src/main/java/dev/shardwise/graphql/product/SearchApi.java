package dev.shardwise.graphql.product;

import static dev.shardwise.graphql.product.WorkspaceFields.AFTER;
import static dev.shardwise.graphql.product.WorkspaceFields.DEFAULT_FIRST;
import static dev.shardwise.graphql.product.WorkspaceFields.FIRST;

import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.ErrorMapper;
import dev.shardwise.graphql.product.model.BlockNode;
import dev.shardwise.graphql.product.model.Connections.PageInfo;
import dev.shardwise.graphql.product.model.PageNode;
import dev.shardwise.graphql.product.model.SearchResults.SearchResult;
import dev.shardwise.graphql.product.model.SearchResults.SearchResultConnection;
import dev.shardwise.graphql.product.model.SearchResults.SearchResultEdge;
import dev.shardwise.domains.product.search.SearchService;
import dev.shardwise.domains.product.search.SearchService.BlockHit;
import dev.shardwise.domains.product.search.SearchService.Hit;
import dev.shardwise.domains.product.search.SearchService.PageHit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.GraphQLException;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * {@code search}: pages and blocks matching a text across every workspace of the signed-in caller,
 * one statement per physical cluster holding any of their workspaces ({@link SearchService}),
 * newest first, keyset-paginated with signed cursors ({@link Cursors}).
 *
 * <p>When some of those shards cannot answer, the hits of the others are returned together with a
 * {@link ShardsUnavailableException} error naming the missing shards. That error carries partial
 * data, which the {@code @MappedErrors} interceptor would turn into INTERNAL, so this resolver
 * translates every other failure itself with {@link ErrorMapper}, exactly as the interceptor does.
 */
@GraphQLApi
@ApplicationScoped
public class SearchApi {

    static final int MAX_TEXT_CHARS = 200;
    private static final int SNIPPET_CHARS = Limits.MAX_SNIPPET_CHARS;

    private final RequestCaller callers;
    private final Cursors cursors;
    private final SearchService search;

    @Inject
    public SearchApi(RequestCaller callers, Cursors cursors, SearchService search) {
        this.callers = callers;
        this.cursors = cursors;
        this.search = search;
    }

    @Query("search")
    @NonNull
    @Description("Pages (by title) and blocks (by text) containing `text` (case-insensitive, 1.." + MAX_TEXT_CHARS
            + " chars; % and _ match literally) in every workspace of the caller, newest first. If some of"
            + " their shards cannot answer, the other shards' hits are returned"
            + " with an error whose extensions.code is SHARDS_UNAVAILABLE and extensions.shards lists the missing"
            + " shards.")
    public SearchResultConnection search(@Name("text") @NonNull String text,
                                         @Name("first") @DefaultValue(DEFAULT_FIRST) @Description(FIRST) Integer first,
                                         @Name("after") @Description(AFTER) String after) throws GraphQLException {
        SearchService.Results results;
        SearchResultConnection connection;
        try {
            results = find(text, first, after);
            connection = connection(results, text);
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ErrorMapper.toApi(e);
        }
        if (!results.complete()) {
            throw new ShardsUnavailableException(results.unavailable(), connection);
        }
        return connection;
    }

    private SearchService.Results find(String text, Integer first, String after) throws ApiException {
        Caller caller = callers.require(); // authenticate before reading any argument
        if (text.isBlank() || text.length() > MAX_TEXT_CHARS) {
            throw ApiException.badUserInput("text must be 1 to " + MAX_TEXT_CHARS + " characters and not blank");
        }
        Limits.plain("text", text);
        int size = Limits.first(first);
        Optional<SearchService.Position> from = cursors.searchAfter(after)
                .map(p -> new SearchService.Position(p.createdAt(), p.id()));
        return search.search(caller, text, size, from);
    }

    private SearchResultConnection connection(SearchService.Results results, String text) {
        List<SearchResultEdge> edges = results.hits().stream()
                .map(h -> new SearchResultEdge(cursors.ofSearch(h.createdAt(), h.id()), result(h, text))).toList();
        String start = edges.isEmpty() ? null : edges.getFirst().cursor();
        String end = edges.isEmpty() ? null : edges.getLast().cursor();
        return new SearchResultConnection(edges, new PageInfo(results.hasNext(), start, end));
    }

    private static SearchResult result(Hit hit, String text) {
        return switch (hit) {
            case PageHit p -> new SearchResult(new PageNode(p.page()), snippet(p.page().title(), text));
            case BlockHit b -> new SearchResult(new BlockNode(b.block()), snippet(b.block().text(), text));
        };
    }

    /**
     * About {@link #SNIPPET_CHARS} characters of {@code body} starting a little before the first
     * match (from the start when Java's case folding does not find what PostgreSQL's ILIKE did),
     * never splitting a surrogate pair.
     */
    static String snippet(String body, String text) {
        int at = Math.max(0, folded(body).indexOf(folded(text)));
        int start = Math.max(0, at - SNIPPET_CHARS / 4);
        int end = Math.min(body.length(), start + SNIPPET_CHARS);
        if (start > 0 && Character.isLowSurrogate(body.charAt(start))) {
            start++;
        }
        if (end < body.length() && Character.isHighSurrogate(body.charAt(end - 1))) {
            end--;
        }
        return body.substring(start, Math.max(start, end));
    }

    /**
     * Lower-cased char by char, so that every index into the result is the same index into
     * {@code s}: {@code String.toLowerCase} may change the length ("İ" becomes "i̇", two chars), and
     * an offset found in its result once pointed past the end of the original.
     */
    private static String folded(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }
}
