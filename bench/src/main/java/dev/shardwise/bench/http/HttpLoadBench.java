package dev.shardwise.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.product.ProductDomains;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.config.Endpoints;
import dev.shardwise.shardmap.store.ShardMapStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * HTTP load against the running API beside a direct-JDBC baseline doing the same reads and
 * writes, in the same run: (1) reading a page with its 20 blocks, (2) appending a block. Prints
 * p50/p99/mean latency, requests per second, and the ratios; also writes
 * {@code bench/target/results-http.txt}.
 *
 * <p>Arguments: {@code <graphql url> <endpoints file> [--quick]}. Started by {@code bench/run http}.
 */
public final class HttpLoadBench {

    private static final KeyspaceName CONTENT = ProductDomains.from(SchemaDomains.load()).contentKeyspace();
    private static final int CLIENTS = 16;
    private static final int BLOCKS = 20;

    private static final String READ_PAGE = """
            query($id: ID!) { page(id: $id) { id title blocks(first: 20) { edges { node { id type text version } } } } }""";
    private static final String APPEND = """
            mutation($page: ID!, $text: String!) { appendBlock(pageId: $page, type: PARAGRAPH, text: $text) { id version } }""";

    private HttpLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        Endpoints endpoints = Endpoints.load(Path.of(args[1]));
        boolean quick = args.length > 2 && args[2].equals("--quick");
        Duration warmup = Duration.ofSeconds(quick ? 2 : 5);
        Duration measure = Duration.ofSeconds(quick ? 4 : 15);

        GraphqlClient api = new GraphqlClient(url);
        Fixture fixture = Fixture.create(api, CLIENTS, BLOCKS);
        Placement placement = Placement.find(endpoints, fixture);
        List<LoadRunner.Result> results = new ArrayList<>();
        try (HikariDataSource direct = pool(endpoints, placement.primaryUrl())) {
            String schema = placement.schema();
            results.add(LoadRunner.run("read page+20 blocks: JDBC baseline", CLIENTS, warmup, measure,
                    client -> readDirect(direct, schema, placement.workspaceId(), placement.pageIds().get(client))));
            results.add(LoadRunner.run("read page+20 blocks: GraphQL API", CLIENTS, warmup, measure,
                    client -> LoadRunner.consume(api.execute(Optional.of(fixture.token()), READ_PAGE,
                            Map.of("id", fixture.pageIds().get(client))).get("page"))));
            results.add(LoadRunner.run("appendBlock: JDBC baseline", CLIENTS, warmup, measure,
                    client -> appendDirect(direct, schema, placement.workspaceId(), placement.pageIds().get(client))));
            results.add(LoadRunner.run("appendBlock: GraphQL API", CLIENTS, warmup, measure,
                    client -> LoadRunner.consume(api.execute(Optional.of(fixture.token()), APPEND,
                            Map.of("page", fixture.pageIds().get(client), "text", "bench")).get("appendBlock"))));
        }
        String table = format(results, quick);
        System.out.print(table);
        Path out = Path.of("bench/target/results-http.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static HikariDataSource pool(Endpoints endpoints, String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(endpoints.user());
        config.setPassword(endpoints.password());
        config.setMaximumPoolSize(CLIENTS);
        config.setPoolName("bench-direct");
        return new HikariDataSource(config);
    }

    /** The page row and its first 20 blocks, as the API reads them, minus auth and membership. */
    private static void readDirect(HikariDataSource ds, String schema, UUID workspaceId, UUID pageId) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement page = c.prepareStatement("SELECT id, title, created_at, updated_at FROM " + schema
                     + ".pages WHERE workspace_id = ? AND id = ?");
             PreparedStatement blocks = c.prepareStatement("SELECT id, type, text, version, position FROM " + schema
                     + ".blocks WHERE workspace_id = ? AND page_id = ? ORDER BY position, id LIMIT 21")) {
            page.setObject(1, workspaceId);
            page.setObject(2, pageId);
            try (ResultSet rs = page.executeQuery()) {
                LoadRunner.consume(rs.next() ? rs.getString(2) : null);
            }
            blocks.setObject(1, workspaceId);
            blocks.setObject(2, pageId);
            int n = 0;
            try (ResultSet rs = blocks.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            if (n < BLOCKS) {
                throw new IllegalStateException("expected " + BLOCKS + " blocks, read " + n);
            }
        }
    }

    /** What appendBlock does in SQL: lock the page, next position, insert, touch the page. */
    private static void appendDirect(HikariDataSource ds, String schema, UUID workspaceId, UUID pageId) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM " + schema
                    + ".pages WHERE workspace_id = ? AND id = ? FOR UPDATE");
                 PreparedStatement next = c.prepareStatement("SELECT coalesce(max(position), 0) + 1 FROM " + schema
                         + ".blocks WHERE workspace_id = ? AND page_id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".blocks (id, workspace_id,"
                         + " page_id, type, text, position, version, created_at, updated_at)"
                         + " VALUES (?, ?, ?, 'PARAGRAPH', 'bench', ?, 1, now(), now())");
                 PreparedStatement touch = c.prepareStatement("UPDATE " + schema
                         + ".pages SET updated_at = now() WHERE workspace_id = ? AND id = ?")) {
                for (PreparedStatement ps : List.of(lock, next, touch)) {
                    ps.setObject(1, workspaceId);
                    ps.setObject(2, pageId);
                }
                lock.executeQuery().close();
                long position;
                try (ResultSet rs = next.executeQuery()) {
                    rs.next();
                    position = rs.getLong(1);
                }
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, workspaceId);
                insert.setObject(3, pageId);
                insert.setLong(4, position);
                insert.executeUpdate();
                touch.executeUpdate();
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String format(List<LoadRunner.Result> results, boolean quick) {
        var out = new StringBuilder();
        out.append("Shardwise HTTP load: ").append(CLIENTS).append(" concurrent clients, closed loop, ")
                .append(quick ? "quick run (indicative only)" : "5 s warm-up + 15 s measured per row").append('\n');
        out.append(String.format(Locale.ROOT, "%-40s %10s %10s %10s %10s %8s%n", "scenario", "p50 us", "p99 us",
                "mean us", "req/s", "errors"));
        for (LoadRunner.Result r : results) {
            out.append(String.format(Locale.ROOT, "%-40s %10.0f %10.0f %10.0f %10.0f %8d%n", r.name(), r.p50(), r.p99(),
                    r.mean(), r.requestsPerSecond(), r.errors()));
        }
        out.append('\n');
        for (int i = 0; i + 1 < results.size(); i += 2) {
            LoadRunner.Result base = results.get(i);
            LoadRunner.Result api = results.get(i + 1);
            out.append(String.format(Locale.ROOT, "%-40s p50 %.2fx  p99 %.2fx  throughput %.2fx%n",
                    api.name() + " / baseline", api.p50() / base.p50(), api.p99() / base.p99(),
                    api.requestsPerSecond() / base.requestsPerSecond()));
        }
        return out.toString();
    }

    /** Where the fixture's workspace lives: its shard schema and cluster primary. */
    record Placement(UUID workspaceId, List<UUID> pageIds, String schema, String primaryUrl) {

        static Placement find(Endpoints endpoints, Fixture fixture) throws Exception {
            var control = new PGSimpleDataSource();
            control.setURL(endpoints.controlJdbc());
            control.setUser(endpoints.user());
            control.setPassword(endpoints.password());
            ShardMap map = new ShardMapStore(control, Clock.systemUTC()).load();
            // The API's ids are opaque; find the fixture's rows by their unique titles instead.
            for (var shard : map.shardsOf(CONTENT)) {
                String schema = '"' + map.schemaOf(shard.id()) + '"';
                String url = map.cluster(shard.cluster()).primaryUrl();
                List<UUID> pages = pagesOnShard(endpoints, url, schema, fixture.titlePrefix());
                if (pages.size() == fixture.pageIds().size()) {
                    UUID workspace = workspaceOf(endpoints, url, schema, pages.getFirst());
                    if (!ShardRouter.route(map, CONTENT, ShardKey.of(workspace)).shard().equals(shard.id())) {
                        throw new IllegalStateException("fixture found on an unexpected shard " + shard.id());
                    }
                    return new Placement(workspace, pages, schema, url);
                }
            }
            throw new IllegalStateException("fixture pages '" + fixture.titlePrefix() + "*' not found on any shard");
        }

        private static List<UUID> pagesOnShard(Endpoints e, String url, String schema, String prefix) throws Exception {
            try (Connection c = java.sql.DriverManager.getConnection(url, e.user(), e.password());
                 PreparedStatement ps = c.prepareStatement("SELECT id FROM " + schema
                         + ".pages WHERE title LIKE ? ORDER BY title")) {
                ps.setString(1, prefix + "%");
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        }

        private static UUID workspaceOf(Endpoints e, String url, String schema, UUID page) throws Exception {
            try (Connection c = java.sql.DriverManager.getConnection(url, e.user(), e.password());
                 PreparedStatement ps = c.prepareStatement("SELECT workspace_id FROM " + schema + ".pages WHERE id = ?")) {
                ps.setObject(1, page);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        }
    }

    /** A user, a workspace and one page per client with 20 blocks each, made through the API. */
    record Fixture(String token, List<String> pageIds, String titlePrefix) {

        static Fixture create(GraphqlClient api, int pages, int blocks) throws Exception {
            String run = UUID.randomUUID().toString().substring(0, 8);
            JsonNode auth = api.execute(Optional.empty(), """
                    mutation($e: String!) { signUp(email: $e, name: "Bench", password: "bench-password-1") { token } }""",
                    Map.of("e", "bench-" + run + "@example.com")).get("signUp");
            String token = auth.get("token").asText();
            String workspace = api.execute(Optional.of(token), "mutation { createWorkspace(name: \"bench\") { id } }",
                    Map.of()).get("createWorkspace").get("id").asText();
            String prefix = "bench-" + run + "-";
            List<String> pageIds = new ArrayList<>();
            for (int p = 0; p < pages; p++) {
                String page = api.execute(Optional.of(token), """
                        mutation($w: ID!, $t: String!) { createPage(workspaceId: $w, title: $t) { id } }""",
                        Map.of("w", workspace, "t", prefix + String.format(Locale.ROOT, "%03d", p)))
                        .get("createPage").get("id").asText();
                for (int b = 0; b < blocks; b++) {
                    api.execute(Optional.of(token), APPEND, Map.of("page", page, "text", "block " + b));
                }
                pageIds.add(page);
            }
            return new Fixture(token, List.copyOf(pageIds), prefix);
        }
    }
}
