package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static dev.shardwise.graphql.it.Gql.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests built to hurt the server are refused with TOO_COMPLEX before anything runs: nothing is
 * read or written for them, and the same client's reasonable requests keep working.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbuseIT {

    private static final String BLOCKS = "query($p: ID!) { node(id: $p) { ... on Page { blocks(first: 100) {"
            + " edges { cursor } } } } }";

    private Account eve;
    private String page;

    @BeforeEach
    void setUpOnce() {
        if (eve != null) {
            return;
        }
        eve = Gql.signUp("Eve");
        page = Gql.createPage(eve, Gql.createWorkspace(eve, "Abuse"), "Target");
        Gql.appendBlock(eve, page, "one block");
    }

    private static String aliasesOfBigLists(int n) {
        StringBuilder query = new StringBuilder("query($p: ID!) {");
        for (int i = 0; i < n; i++) {
            query.append(" a").append(i).append(": page(id: $p) { blocks(first: 100) { edges { node { text } } } }");
        }
        return query.append(" }").toString();
    }

    @Test
    void manyAliasesOfABigListAreRefusedForTheirCostAndTheirResponseSize() {
        JsonPath hundred = call(eve.token(), aliasesOfBigLists(100), "p", page);
        assertThat(code(hundred)).isEqualTo("TOO_COMPLEX");
        assertThat(message(hundred)).contains("costs 30200 points, over the limit of 25000");
        // Twenty are cheap enough in points, but each block may hold 100 KiB: up to 200 MB of answer.
        JsonPath twenty = call(eve.token(), aliasesOfBigLists(20), "p", page);
        assertThat(code(twenty)).isEqualTo("TOO_COMPLEX");
        assertThat(message(twenty)).contains("the answer could be up to", "KiB, over the limit of 65536 KiB");
        assertThat(twenty.getString("data")).isNull();
        // One of them is an ordinary read.
        data(eve.token(), "query($p: ID!) { page(id: $p) { blocks(first: 100) { edges { node { text } } } } }", "p", page);
    }

    @Test
    void aliasedSignUpsAreRefusedAndCreateNoAccount() {
        List<String> emails = new ArrayList<>();
        StringBuilder mutation = new StringBuilder("mutation {");
        for (int i = 0; i < 60; i++) {
            String email = Gql.uniqueEmail("alias" + i);
            emails.add(email);
            mutation.append(" s").append(i).append(": signUp(email: \"").append(email).append("\", name: \"A\", password: \"")
                    .append(Gql.PASSWORD).append("\") { token }");
        }
        JsonPath refused = call(null, mutation.append(" }").toString());
        assertThat(code(refused)).isEqualTo("TOO_COMPLEX");
        assertThat(message(refused)).contains("at most 1 sign-up, log-in or password change; it holds 60");
        for (String email : List.of(emails.getFirst(), emails.getLast())) {
            JsonPath logIn = call(null, "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }",
                    "e", email, "p", Gql.PASSWORD);
            assertThat(code(logIn)).as("no account for %s", email).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void aliasedLogInGuessesAreRefused() {
        JsonPath refused = call(null, "mutation { a: logIn(email: \"" + eve.email() + "\", password: \"guess-one-1\") { token }"
                + " b: logIn(email: \"" + eve.email() + "\", password: \"guess-two-2\") { token } }");
        assertThat(code(refused)).isEqualTo("TOO_COMPLEX");
    }

    @Test
    void tooManyMutationFieldsAreRefusedAndWriteNothing() {
        StringBuilder mutation = new StringBuilder("mutation($p: ID!) {");
        for (int i = 0; i < 51; i++) {
            mutation.append(" b").append(i).append(": appendBlock(pageId: $p, type: PARAGRAPH, text: \"x\") { id }");
        }
        int before = data(eve.token(), BLOCKS, "p", page).getList("data.node.blocks.edges").size();
        JsonPath refused = call(eve.token(), mutation.append(" }").toString(), "p", page);
        assertThat(code(refused)).isEqualTo("TOO_COMPLEX");
        assertThat(message(refused)).contains("at most 50 mutation fields; it holds 51");
        assertThat(data(eve.token(), BLOCKS, "p", page).getList("data.node.blocks.edges")).hasSize(before);
    }

    @Test
    void nestedConnectionsCountEveryRowTheyAskFor() {
        JsonPath refused = call(eve.token(), "{ me { workspaces(first: 100) { edges { node { pages(first: 100) { edges {"
                + " node { blocks(first: 100) { edges { node { id } } } } } } } } } } }");
        assertThat(code(refused)).isEqualTo("TOO_COMPLEX");
        assertThat(message(refused)).contains("points, over the limit of 25000");
        // The defaults count too: 20 rows per connection unless `first` says otherwise.
        data(eve.token(), "{ me { workspaces { edges { node { pages { edges { node { id } } } } } } } }");
    }

    @Test
    void anonymousCallersAreAskedToAuthenticateBeforeTheirArgumentsAreRead() {
        assertThat(code(call(null, "{ page(id: \"garbage\") { id } }"))).isEqualTo("UNAUTHENTICATED");
        assertThat(code(call(null, "{ workspace(id: \"garbage\") { id } }"))).isEqualTo("UNAUTHENTICATED");
        assertThat(code(call(null, "mutation { createPage(workspaceId: \"garbage\", title: \"t\") { id } }")))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(code(call(null, "mutation { appendBlock(pageId: \"garbage\", type: PARAGRAPH, text: \"t\") { id } }")))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(code(call(null, "{ search(text: \"x\", after: \"forged\") { edges { cursor } } }")))
                .isEqualTo("UNAUTHENTICATED");
        // Signed in, the same arguments are bad input.
        assertThat(code(call(eve.token(), "{ page(id: \"garbage\") { id } }"))).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void noOtherWayInSkipsTheGuard() {
        String hundred = aliasesOfBigLists(100).replace("query($p: ID!)", "").replace("$p", "\"" + page + "\"");
        // Short enough for a URL (alias lists are refused as too long a URI before any route), and far
        // over the cost limit: a million rows.
        String twenty = "{ me { workspaces(first: 100) { edges { node { pages(first: 100) { edges { node {"
                + " blocks(first: 100) { edges { node { id } } } } } } } } } } }";
        // GET with the document in the URL.
        var get = io.restassured.RestAssured.given().header("Authorization", "Bearer " + eve.token())
                .queryParam("query", twenty).when().get("/graphql").then().extract().response();
        assertThat(get.asString()).as("GET (HTTP %s)", get.statusCode()).doesNotContain("\"me\":{");
        assertThat(get.statusCode()).as("GET is refused or measured").isIn(200, 405);
        if (get.statusCode() == 200) {
            assertThat(get.jsonPath().getString("errors[0].extensions.code")).isEqualTo("TOO_COMPLEX");
        }
        // The document as an application/graphql body.
        var raw = io.restassured.RestAssured.given().header("Authorization", "Bearer " + eve.token())
                .contentType("application/graphql").body(hundred.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/graphql").then().extract().response();
        assertThat(raw.asString()).as("application/graphql (HTTP %s)", raw.statusCode()).doesNotContain("\"a0\":{");
        assertThat(raw.jsonPath().getString("errors[0].extensions.code")).isEqualTo("TOO_COMPLEX");
        // A batch of two requests in one JSON array.
        var batch = io.restassured.RestAssured.given().header("Authorization", "Bearer " + eve.token())
                .contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.List.of(java.util.Map.of("query", hundred), java.util.Map.of("query", hundred)))
                .when().post("/graphql").then().extract().response();
        assertThat(batch.asString()).as("batch (HTTP %s)", batch.statusCode()).doesNotContain("\"a0\":{");
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(batch.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
        // The executor merges the URL's parameters over a JSON body, and reads a body as JSON whatever
        // its content type says unless that starts with application/graphql: each must be measured.
        String cheap = "{ __typename }";
        var overridden = io.restassured.RestAssured.given().header("Authorization", "Bearer " + eve.token())
                .contentType(io.restassured.http.ContentType.JSON).queryParam("query", twenty)
                .body(java.util.Map.of("query", cheap)).when().post("/graphql").then().extract().response();
        assertThat(overridden.asString()).as("URL over body (HTTP %s)", overridden.statusCode())
                .doesNotContain("\"me\":{");
        assertThat(overridden.jsonPath().getString("errors[0].extensions.code")).isEqualTo("TOO_COMPLEX");
        var plainText = io.restassured.RestAssured.given().header("Authorization", "Bearer " + eve.token())
                .contentType("text/plain").body(new io.vertx.core.json.JsonObject().put("query", hundred).encode()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/graphql").then().extract().response();
        assertThat(plainText.asString()).as("JSON sent as text/plain").doesNotContain("\"a0\":{");
        var graphqlPrefix = io.restassured.RestAssured.given().header("Authorization", "Bearer " + eve.token())
                .contentType("application/graphql-response+json")
                .body(hundred.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/graphql").then().extract().response();
        assertThat(graphqlPrefix.asString()).as("a raw document under another application/graphql type")
                .doesNotContain("\"a0\":{");
        // An ordinary raw document still works.
        var fine = io.restassured.RestAssured.given().header("Authorization", "Bearer " + eve.token())
                .contentType("application/graphql").body("{ me { id } }".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/graphql").then().extract().response();
        assertThat(fine.jsonPath().getString("data.me.id")).isEqualTo(eve.id());
    }
}
