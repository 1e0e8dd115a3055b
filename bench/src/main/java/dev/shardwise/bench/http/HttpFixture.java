package dev.shardwise.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.config.Endpoints;
import dev.shardwise.shardmap.store.ShardMapStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The HTTP benchmark's data, made through the API: one user, one workspace, and one page per
 * client with {@code blocks} blocks each; and where those rows landed (shard schema, cluster
 * primary, raw ids), found from the shard map, for the baselines and the peer that read them
 * directly.
 */
final class HttpFixture {

    private HttpFixture() {
    }

    /** What the API returned: the caller's token and the opaque ids. */
    record Api(String token, String workspaceId, List<String> pageIds, String titlePrefix) {

        static Api create(GraphqlClient api, int pages, int blocks, String appendMutation) throws Exception {
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
                    api.execute(Optional.of(token), appendMutation, Map.of("page", page, "text", "block " + b));
                }
                pageIds.add(page);
            }
            return new Api(token, workspace, List.copyOf(pageIds), prefix);
        }
    }

    /** Where the fixture's workspace lives: its shard schema (quoted and bare) and cluster primary. */
    record Placement(UUID workspaceId, List<UUID> pageIds, String schemaName, String primaryUrl) {

        /** The schema as an SQL identifier. */
        String schema() {
            return '"' + schemaName + '"';
        }

        static Placement find(Endpoints endpoints, KeyspaceName keyspace, Api fixture) throws Exception {
            var control = new PGSimpleDataSource();
            control.setURL(endpoints.controlJdbc());
            control.setUser(endpoints.user());
            control.setPassword(endpoints.password());
            ShardMap map = new ShardMapStore(control, Clock.systemUTC()).load();
            // The API's ids are opaque; find the fixture's rows by their unique titles instead.
            for (var shard : map.shardsOf(keyspace)) {
                String schema = map.schemaOf(shard.id());
                String url = map.cluster(shard.cluster()).primaryUrl();
                List<UUID> pages = pagesOnShard(endpoints, url, '"' + schema + '"', fixture.titlePrefix());
                if (pages.size() == fixture.pageIds().size()) {
                    UUID workspace = workspaceOf(endpoints, url, '"' + schema + '"', pages.getFirst());
                    if (!ShardRouter.route(map, keyspace, ShardKey.of(workspace)).shard().equals(shard.id())) {
                        throw new IllegalStateException("fixture found on an unexpected shard " + shard.id());
                    }
                    return new Placement(workspace, pages, schema, url);
                }
            }
            throw new IllegalStateException("fixture pages '" + fixture.titlePrefix() + "*' not found on any shard");
        }

        private static List<UUID> pagesOnShard(Endpoints e, String url, String schema, String prefix) throws Exception {
            try (Connection c = DriverManager.getConnection(url, e.user(), e.password());
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
            try (Connection c = DriverManager.getConnection(url, e.user(), e.password());
                 PreparedStatement ps = c.prepareStatement(
                         "SELECT workspace_id FROM " + schema + ".pages WHERE id = ?")) {
                ps.setObject(1, page);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        }
    }
}
