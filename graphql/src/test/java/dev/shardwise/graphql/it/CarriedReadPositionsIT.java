package dev.shardwise.graphql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.graphql.product.ReadAfterHeader;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.testing.Fleet;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes with positions the client carries ({@code Shardwise-Read-After}, ADR 0017), on
 * both request paths, with WAL replay paused on every standby. A read sent with the header of the
 * latest write's response sees the write; a read sent with an older header is served by a
 * held-back standby and does not, although the shared store holds the write under the same session,
 * which shows the carried positions decided and the store was not asked; a read without the header
 * asks the store and sees the write. A malformed header is BAD_USER_INPUT naming the header.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class CarriedReadPositionsIT {

    /** Served by the direct path (ADR 0014). */
    private static final String PAGE = """
            query($id: ID!) { page(id: $id) { id blocks(first: 20) { edges { node { text } } } } }""";
    /** The same read with a root the direct path does not compile, so the general executor serves it. */
    private static final String PAGE_AND_ME = """
            query($id: ID!) { me { id } page(id: $id) { id blocks(first: 20) { edges { node { text } } } } }""";
    private static final String APPEND = """
            mutation($p: ID!, $t: String!) { appendBlock(pageId: $p, type: PARAGRAPH, text: $t) { id } }""";

    @Inject
    MeterRegistry meters;

    private final Fleet fleet = Fleet.up();

    @AfterEach
    void resumeReplay() {
        for (PhysicalCluster cluster : fleet.endpoints().clusters()) {
            fleet.standbySql(cluster.id(), "SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    void aReadWithTheLatestPositionsSeesTheWriteAndOneWithOlderPositionsIsServedByTheHeldBackStandby() {
        Response signUp = Gql.post(Map.of(), "*/*", """
                mutation($e: String!, $p: String!) { signUp(email: $e, name: "Carrier", password: $p) { token } }""",
                "e", Gql.uniqueEmail("carrier"), "p", Gql.PASSWORD);
        String token = signUp.jsonPath().getString("data.signUp.token");
        String opened = readAfter(signUp);
        assertThat(positions(opened)).as("signUp hands back the new session's first write").hasSize(1);

        Response created = call(token, Optional.of(opened), "mutation { createWorkspace(name: \"carried\") { id } }");
        String workspace = created.jsonPath().getString("data.createWorkspace.id");
        String page = call(token, Optional.of(readAfter(created)), """
                mutation($w: ID!) { createPage(workspaceId: $w, title: "carried") { id } }""", "w", workspace)
                .jsonPath().getString("data.createPage.id");
        Response first = call(token, Optional.of(readAfter(created)), APPEND, "p", page, "t", "before");
        String beforeWrite = readAfter(first);
        assertThat(positions(beforeWrite)).as("the content cluster joins the identity cluster").hasSizeBetween(1, 2)
                .isNotEqualTo(positions(opened));
        // The standbys have the page and its first block: a session that wrote nothing reads it there.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(texts(call(token, Optional.of(opened), PAGE, "id", page))).containsExactly("before"));

        pauseReplay();
        String afterWrite = readAfter(call(token, Optional.of(beforeWrite), APPEND, "p", page, "t", "after"));
        assertThat(positions(afterWrite)).as("the write raised a position").isNotEqualTo(positions(beforeWrite));

        for (String query : List.of(PAGE, PAGE_AND_ME)) {
            double direct = directlyServed();
            Response latest = call(token, Optional.of(afterWrite), query, "id", page);
            assertThat(texts(latest)).as("%s with the latest positions", query).containsExactly("before", "after");
            assertThat(readAfter(latest)).as("a read hands back what it was given").isEqualTo(afterWrite);
            assertThat(texts(call(token, Optional.of(beforeWrite), query, "id", page)))
                    .as("%s with older positions: a held-back standby serves it, the store is not asked", query)
                    .containsExactly("before");
            assertThat(texts(call(token, Optional.empty(), query, "id", page)))
                    .as("%s without the header: the shared store has the write", query)
                    .containsExactly("before", "after");
            assertThat(directlyServed() - direct).as("which path served %s", query)
                    .isEqualTo(query.equals(PAGE) ? 3 : 0);
        }
    }

    @Test
    void aMalformedHeaderIsBadUserInputOnBothPathsAndNothingIsWritten() {
        Gql.Account account = Gql.signUp("Malformed");
        String workspace = Gql.createWorkspace(account, "malformed");
        String page = Gql.createPage(account, workspace, "malformed");
        for (String query : List.of(PAGE, PAGE_AND_ME, APPEND)) {
            JsonPath json = call(account.token(), Optional.of("v1.not base64"), query, "id", page, "p", page,
                    "t", "never").jsonPath();
            assertThat(json.getList("errors.extensions.code", String.class)).as("every root field of %s", query)
                    .isNotEmpty().containsOnly("BAD_USER_INPUT");
            assertThat(Gql.message(json)).contains(ReadAfterHeader.NAME).contains("latest response");
        }
        assertThat(texts(call(account.token(), Optional.empty(), PAGE, "id", page))).as("the append was refused")
                .isEmpty();
    }

    private void pauseReplay() {
        for (PhysicalCluster cluster : fleet.endpoints().clusters()) {
            fleet.standbySql(cluster.id(), "SELECT pg_wal_replay_pause()");
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (PhysicalCluster cluster : fleet.endpoints().clusters()) {
                assertThat(fleet.standbySql(cluster.id(), "SELECT pg_get_wal_replay_pause_state()"))
                        .as("replay state of %s's standby", cluster.id()).isEqualTo("paused");
            }
        });
    }

    private static Response call(String token, Optional<String> readAfter, String query, Object... variables) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + token));
        readAfter.ifPresent(value -> headers.put(ReadAfterHeader.NAME, value));
        return Gql.post(headers, "*/*", query, variables);
    }

    private static String readAfter(Response response) {
        assertThat(response.jsonPath().getList("errors")).as("errors").isNull();
        String value = response.header(ReadAfterHeader.NAME);
        assertThat(value).as("the response's %s header", ReadAfterHeader.NAME).isNotNull();
        return value;
    }

    private static Map<String, Long> positions(String header) {
        return ((ReadAfterHeader.Parsed.Positions) ReadAfterHeader.parse(header)).positions();
    }

    private static List<String> texts(Response response) {
        JsonPath json = response.jsonPath();
        assertThat(json.getList("errors")).as("errors").isNull();
        return json.getList("data.page.blocks.edges.node.text", String.class);
    }

    private double directlyServed() {
        return meters.counter("shardwise.graphql.direct.requests", "outcome", "served", "reason", "none").count();
    }
}
