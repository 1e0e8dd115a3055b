package dev.shardwise.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shardwise.bench.http.Comparison.Contender;
import dev.shardwise.bench.http.Comparison.Ratio;
import dev.shardwise.bench.http.Comparison.Scenario;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.product.ProductDomains;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.config.Endpoints;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP load against the running API beside a direct-JDBC baseline doing the same work and, for
 * reads, beside PostGraphile serving the same shard schema, all in one run and in alternation
 * ({@link Comparison}): (1) a page with its 20 blocks, (2) a workspace with 10 pages and 5 blocks
 * each, (3) appending a block. Prints requests per second per round, p50/p99, server CPU per
 * request and the ratios, then the abuse guard's share of the page read ({@link GuardShare});
 * also writes {@code bench/target/results-http.txt}.
 *
 * <p>Arguments: {@code <graphql url> <endpoints file> [--quick]}. System properties:
 * {@code shardwise.bench.app-pid} (the API's process, for its CPU), {@code shardwise.bench.peer}
 * (the PostGraphile executable) and {@code shardwise.bench.peer-port}. Started by
 * {@code bench/run http}.
 */
public final class HttpLoadBench {

    private static final KeyspaceName CONTENT = ProductDomains.from(SchemaDomains.load()).contentKeyspace();
    private static final int CLIENTS = 16;
    private static final int BLOCKS = 20;
    private static final int NESTED_PAGES = 10;
    private static final int NESTED_BLOCKS = 5;

    private static final String READ_PAGE = """
            query($id: ID!) { page(id: $id) { id title blocks(first: 20) { edges { node { id type text version } } } } }""";
    // The peer's lists name the workspace and the API's order, so PostgreSQL serves them from the
    // same index as the API's (blocks_by_page): PostGraphile's bare blocksByPageId(first: 20)
    // orders by id with no index on page_id alone, a scan of every block on the shard, and its
    // speed would fall as the shard grows.
    private static final String PEER_READ_PAGE = """
            query($id: UUID!, $ws: UUID!) { pageById(id: $id) { id title
              blocksByPageId(first: 20, condition: { workspaceId: $ws }, orderBy: [POSITION_ASC, ID_ASC]) {
                edges { node { id type text version } } } } }""";
    private static final String NESTED = """
            query($id: ID!) { workspace(id: $id) { pages(first: 10) { edges { node { id title
              blocks(first: 5) { edges { node { id type text version } } } } } } } }""";
    private static final String PEER_NESTED = """
            query($id: UUID!) { workspaceByWorkspaceId(workspaceId: $id) {
              pagesByWorkspaceId(first: 10, orderBy: [CREATED_AT_DESC, ID_DESC]) { edges { node { id title
                blocksByPageId(first: 5, condition: { workspaceId: $id }, orderBy: [POSITION_ASC, ID_ASC]) {
                  edges { node { id type text version } } } } } } } }""";
    /** The cheapest GraphQL request: what HTTP, parsing and the executor cost with no data at all. */
    private static final String TYPENAME = "{ __typename }";
    private static final String APPEND = """
            mutation($page: ID!, $text: String!) { appendBlock(pageId: $page, type: PARAGRAPH, text: $text) { id version } }""";

    private HttpLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        Endpoints endpoints = Endpoints.load(Path.of(args[1]));
        boolean quick = args.length > 2 && args[2].equals("--quick");
        int rounds = quick ? 1 : 3;
        Comparison comparison = new Comparison(CLIENTS, rounds, Duration.ofSeconds(quick ? 2 : 8),
                Duration.ofSeconds(quick ? 3 : 6));
        Optional<ProcessHandle> app = Optional.ofNullable(System.getProperty("shardwise.bench.app-pid"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)));
        Path peerExecutable = Path.of(System.getProperty("shardwise.bench.peer",
                "bench/target/peer/node_modules/.bin/postgraphile"));
        int peerPort = Integer.getInteger("shardwise.bench.peer-port", 18091);

        // The API's paths carry the read-your-writes header as a client following ADR 0017 does, from
        // the fixture's sign-up on; "shared store" is the same client without it.
        GraphqlClient api = GraphqlClient.carryingReadAfter(url);
        GraphqlClient sharedStore = new GraphqlClient(url);
        HttpFixture.Api fixture = HttpFixture.Api.create(api, CLIENTS, BLOCKS, APPEND);
        HttpFixture.Placement placement = HttpFixture.Placement.find(endpoints, CONTENT, fixture);
        Path peerLog = Path.of("bench/target/peer.log");
        Files.createDirectories(peerLog.getParent());
        List<Comparison.Outcome> outcomes = new ArrayList<>();
        String guard = "guard (abuse limits): not measured (no shardwise.bench.app-pid)\n";
        try (DirectBaseline direct = new DirectBaseline(endpoints, placement, CLIENTS);
             PostgraphilePeer peer = PostgraphilePeer.start(peerExecutable, placement.primaryUrl(), endpoints.user(),
                     endpoints.password(), placement.schemaName(), peerPort, peerLog)) {
            Optional<ProcessHandle> peerProcess = Optional.of(peer.handle());
            GraphqlClient peerApi = peer.client();
            Optional<String> token = Optional.of(fixture.token());
            List<Scenario> scenarios = new ArrayList<>();
            scenarios.add(new Scenario("page+20 blocks", List.of(
                    new Contender("JDBC baseline", Optional.empty(),
                            c -> direct.readPage(placement.pageIds().get(c), BLOCKS)),
                    new Contender("Shardwise API", app, c -> expectPage(api.execute(token, READ_PAGE,
                            Map.of("id", fixture.pageIds().get(c))).get("page"), "blocks")),
                    new Contender("PostGraphile", peerProcess, c -> expectPage(peerApi.execute(Optional.empty(),
                            PEER_READ_PAGE, Map.of("id", placement.pageIds().get(c), "ws", placement.workspaceId()))
                            .get("pageById"), "blocksByPageId")),
                    new Contender("Shardwise API, shared store", app, c -> expectPage(sharedStore.execute(token,
                            READ_PAGE, Map.of("id", fixture.pageIds().get(c))).get("page"), "blocks")),
                    new Contender("Shardwise { __typename }", app, c -> expectTypename(api.execute(token, TYPENAME,
                            Map.of()))),
                    new Contender("PostGraphile { __typename }", peerProcess, c -> expectTypename(
                            peerApi.execute(Optional.empty(), TYPENAME, Map.of())))),
                    List.of(new Ratio("Shardwise API", "PostGraphile"), new Ratio("Shardwise API", "JDBC baseline"),
                            new Ratio("Shardwise API", "Shardwise API, shared store"),
                            new Ratio("Shardwise { __typename }", "JDBC baseline"),
                            new Ratio("Shardwise API", "Shardwise { __typename }"),
                            new Ratio("PostGraphile", "PostGraphile { __typename }"))));
            scenarios.add(new Scenario("workspace>10 pages>5 blocks", List.of(
                    new Contender("JDBC baseline", Optional.empty(),
                            c -> direct.readNested(NESTED_PAGES, NESTED_BLOCKS)),
                    new Contender("Shardwise API", app, c -> expectNested(api.execute(token, NESTED,
                            Map.of("id", fixture.workspaceId())).get("workspace"), "pages", "blocks")),
                    new Contender("PostGraphile", peerProcess, c -> expectNested(peerApi.execute(Optional.empty(),
                            PEER_NESTED, Map.of("id", placement.workspaceId())).get("workspaceByWorkspaceId"),
                            "pagesByWorkspaceId", "blocksByPageId"))),
                    List.of(new Ratio("Shardwise API", "PostGraphile"), new Ratio("Shardwise API", "JDBC baseline"))));
            scenarios.add(new Scenario("appendBlock", List.of(
                    new Contender("JDBC baseline", Optional.empty(), c -> direct.append(placement.pageIds().get(c))),
                    new Contender("Shardwise API", app, c -> LoadRunner.consume(api.execute(token, APPEND,
                            Map.of("page", fixture.pageIds().get(c), "text", "bench")).get("appendBlock")))),
                    List.of(new Ratio("Shardwise API", "JDBC baseline"))));
            for (Scenario s : scenarios) {
                comparison.warm(s);
            }
            for (Scenario s : scenarios) {
                outcomes.add(comparison.run(s));
            }
            if (app.isPresent()) {
                guard = new GuardShare(url).measure(CLIENTS, rounds, Duration.ofSeconds(quick ? 3 : 6), app.get(),
                        c -> expectPage(api.execute(token, READ_PAGE, Map.of("id", fixture.pageIds().get(c)))
                                .get("page"), "blocks"));
            }
        }
        String plan = quick ? "quick run (indicative only)" : rounds + " alternating rounds of 6 s per path (1 s settle"
                + " each), after an 8 s warm-up of every path of every scenario";
        String header = "Shardwise HTTP load: " + CLIENTS + " concurrent clients, closed loop, " + plan + "; "
                + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs; cpu = the server process's CPU time per request";
        String table = comparison.format(outcomes, header) + guard;
        System.out.print(table);
        Path out = Path.of("bench/target/results-http.txt");
        Files.writeString(out, table);
    }

    /** A page with {@value #BLOCKS} blocks under {@code blocksField}, or the run fails. */
    private static void expectPage(JsonNode page, String blocksField) {
        LoadRunner.consume(page);
        expectEdges(page.get(blocksField), BLOCKS, "blocks");
    }

    /** The root type's name, or the run fails. */
    private static void expectTypename(JsonNode data) {
        if (!data.path("__typename").asText().equals("Query")) {
            throw new IllegalStateException("expected {__typename: Query}, got " + data);
        }
    }

    /** A workspace with {@value #NESTED_PAGES} pages of {@value #NESTED_BLOCKS} blocks each. */
    private static void expectNested(JsonNode workspace, String pagesField, String blocksField) {
        LoadRunner.consume(workspace);
        JsonNode pages = workspace.get(pagesField).get("edges");
        expectEdges(workspace.get(pagesField), NESTED_PAGES, "pages");
        pages.forEach(edge -> expectEdges(edge.get("node").get(blocksField), NESTED_BLOCKS, "blocks"));
    }

    private static void expectEdges(JsonNode connection, int n, String what) {
        int actual = connection == null ? 0 : connection.get("edges").size();
        if (actual != n) {
            throw new IllegalStateException("expected " + n + " " + what + ", got " + actual);
        }
    }
}
