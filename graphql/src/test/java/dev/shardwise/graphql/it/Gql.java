package dev.shardwise.graphql.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small GraphQL-over-HTTP client for the ITs: POST /graphql with an optional bearer token. */
final class Gql {

    static final String PASSWORD = "correct horse battery staple";

    private Gql() {
    }

    /** A signed-up user as the tests use it. */
    record Account(String token, String id, String email, String name) {
    }

    /**
     * Posts a query; {@code variables} alternate names and values (values may be null).
     * The HTTP status is always 200 for a GraphQL response, errors included.
     */
    static JsonPath call(String token, String query, Object... variables) {
        return post(token, "*/*", query, variables).jsonPath();
    }

    /** As {@link #call}, presenting the operator key {@code key} ({@code X-Operator-Key}) instead of a session. */
    static JsonPath asOperator(String key, String query, Object... variables) {
        return post(Map.of(dev.shardwise.graphql.ops.OperatorKeys.HEADER, key), "*/*", query, variables).jsonPath();
    }

    /** As {@link #asOperator}, asserting that the response has no errors. */
    static JsonPath operatorData(String key, String query, Object... variables) {
        JsonPath json = asOperator(key, query, variables);
        assertThat(json.getList("errors")).as("errors of %s", query).isNull();
        return json;
    }

    /** As {@link #call}, with the client's {@code Accept} header, answering the whole HTTP response. */
    static Response post(String token, String accept, String query, Object... variables) {
        return post(token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), accept, query, variables);
    }

    /** Posts a query with the given headers, answering the whole HTTP response. */
    static Response post(Map<String, String> headers, String accept, String query, Object... variables) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", vars);
        RequestSpecification request = given().contentType(ContentType.JSON).accept(accept).body(body).headers(headers);
        return request.when().post("/graphql").then().statusCode(200).extract().response();
    }

    /** As {@link #call}, asserting that the response has no errors. */
    static JsonPath data(String token, String query, Object... variables) {
        JsonPath json = call(token, query, variables);
        assertThat(json.getList("errors")).as("errors of %s", query).isNull();
        return json;
    }

    /** The {@code extensions.code} of the response's only error. */
    static String code(JsonPath json) {
        List<Object> errors = json.getList("errors");
        assertThat(errors).as("errors").hasSize(1);
        return json.getString("errors[0].extensions.code");
    }

    static String message(JsonPath json) {
        return json.getString("errors[0].message");
    }

    static String uniqueEmail(String prefix) {
        return prefix.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
    }

    static Account signUp(String name) {
        String email = uniqueEmail(name);
        JsonPath json = data(null, """
                mutation($email: String!, $name: String!, $password: String!) {
                  signUp(email: $email, name: $name, password: $password) { token user { id email name } }
                }""", "email", email, "name", name, "password", PASSWORD);
        return new Account(json.getString("data.signUp.token"), json.getString("data.signUp.user.id"), email, name);
    }

    static String createWorkspace(Account owner, String name) {
        return data(owner.token(), "mutation($n: String!) { createWorkspace(name: $n) { id } }", "n", name)
                .getString("data.createWorkspace.id");
    }

    static String createPage(Account caller, String workspaceId, String title) {
        return data(caller.token(), "mutation($w: ID!, $t: String!) { createPage(workspaceId: $w, title: $t) { id } }",
                "w", workspaceId, "t", title).getString("data.createPage.id");
    }

    static String appendBlock(Account caller, String pageId, String text) {
        return data(caller.token(), """
                mutation($p: ID!, $t: String!) { appendBlock(pageId: $p, type: PARAGRAPH, text: $t) { id } }""",
                "p", pageId, "t", text).getString("data.appendBlock.id");
    }

    /** Appends {@code texts} in order, many per request (mutation fields run one after another). */
    static List<String> appendBlocks(Account caller, String pageId, List<String> texts) {
        List<String> ids = new java.util.ArrayList<>();
        int perRequest = 50;
        for (int from = 0; from < texts.size(); from += perRequest) {
            StringBuilder mutation = new StringBuilder("mutation($p: ID!) {");
            int to = Math.min(texts.size(), from + perRequest);
            for (int i = from; i < to; i++) {
                mutation.append(" b").append(i).append(": appendBlock(pageId: $p, type: PARAGRAPH, text: \"")
                        .append(texts.get(i)).append("\") { id }");
            }
            JsonPath json = data(caller.token(), mutation.append(" }").toString(), "p", pageId);
            for (int i = from; i < to; i++) {
                ids.add(json.getString("data.b" + i + ".id"));
            }
        }
        return ids;
    }

    /** Makes {@code member} a member the only way there is: the owner invites, the member accepts. */
    static void addMember(Account owner, String workspaceId, Account member, String role) {
        String invitation = invite(owner, workspaceId, member, role);
        data(member.token(), "mutation($i: ID!) { acceptInvitation(id: $i) { id } }", "i", invitation);
    }

    /** The owner invites {@code member}; returns the invitation's id. */
    static String invite(Account owner, String workspaceId, Account member, String role) {
        return data(owner.token(), "mutation($w: ID!, $e: String!, $r: Role) { inviteMember(workspaceId: $w,"
                + " email: $e, role: $r) { id } }", "w", workspaceId, "e", member.email(), "r", role)
                .getString("data.inviteMember.id");
    }

    /** The ids of the workspaces {@code caller} is invited to, as {@code me.invitations} lists them. */
    static List<String> myInvitedWorkspaceIds(Account caller) {
        return data(caller.token(), "{ me { invitations(first: 100) { edges { node { workspaceId } } } } }")
                .getList("data.me.invitations.edges.node.workspaceId", String.class);
    }

    static List<String> myWorkspaceIds(Account caller) {
        return data(caller.token(), "{ me { workspaces(first: 100) { edges { node { id } } } } }")
                .getList("data.me.workspaces.edges.node.id", String.class);
    }
}
