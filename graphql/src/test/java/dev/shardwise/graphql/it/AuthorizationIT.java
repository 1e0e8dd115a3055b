package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import dev.shardwise.graphql.product.GlobalId;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may do what: every role (OWNER, EDITOR, VIEWER), a signed-in non-member and an anonymous
 * caller, against every operation on one workspace. Non-members learn nothing: they get exactly
 * the error a workspace that does not exist gives.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationIT {

    enum Who { OWNER, EDITOR, VIEWER, STRANGER, ANONYMOUS }

    /** What an operation needs: any member, a writer (OWNER or EDITOR) or the OWNER. */
    enum Needs { READ, WRITE, OWN }

    record Operation(String name, Needs needs, BiFunction<String, Targets, JsonPath> run) {
    }

    /** What the operations act on; {@code freshBlock} makes a block to delete. */
    record Targets(String workspace, String page, String block, String comment, Supplier<String> freshBlock) {
    }

    private Account owner;
    private Account editor;
    private Account viewer;
    private Account stranger;
    private String workspace;
    private String page;
    private Targets real;
    /** Well-formed ids of objects that do not exist. */
    private Targets ghost;

    /** Once per class; not in @BeforeAll, which runs before Quarkus points RestAssured at the app. */
    @BeforeEach
    void createAWorkspaceWithOneMemberPerRole() {
        if (owner != null) {
            return;
        }
        owner = Gql.signUp("Owner");
        editor = Gql.signUp("Editor");
        viewer = Gql.signUp("Viewer");
        stranger = Gql.signUp("Stranger");
        workspace = Gql.createWorkspace(owner, "Matrix");
        Gql.addMember(owner, workspace, editor, "EDITOR");
        Gql.addMember(owner, workspace, viewer, "VIEWER");
        page = Gql.createPage(owner, workspace, "Shared");
        String block = Gql.appendBlock(owner, page, "shared block");
        String comment = data(owner.token(), "mutation($p: ID!) { addComment(pageId: $p, text: \"hi\") { id } }",
                "p", page).getString("data.addComment.id");
        real = new Targets(workspace, page, block, comment, () -> Gql.appendBlock(owner, page, "to delete"));
        UUID w = UUID.randomUUID();
        String ghostBlock = new GlobalId.BlockId(w, UUID.randomUUID()).encode();
        ghost = new Targets(new GlobalId.WorkspaceId(w).encode(), new GlobalId.PageId(w, UUID.randomUUID()).encode(),
                ghostBlock, new GlobalId.CommentId(w, UUID.randomUUID()).encode(), () -> ghostBlock);
    }

    private List<Operation> operations() {
        return List.of(
                new Operation("workspace", Needs.READ, (t, x) -> call(t, "query($w: ID!) { workspace(id: $w) { name"
                        + " members { edges { node { role } } } pages { edges { node { id } } } } }", "w", x.workspace())),
                new Operation("page", Needs.READ, (t, x) -> call(t, "query($p: ID!) { page(id: $p) { title"
                        + " blocks { edges { node { text } } } comments { edges { node { text } } } } }", "p", x.page())),
                new Operation("node(block)", Needs.READ, (t, x) -> call(t, "query($id: ID!) { node(id: $id) { id } }",
                        "id", x.block())),
                new Operation("node(comment)", Needs.READ, (t, x) -> call(t, "query($id: ID!) { node(id: $id) { id } }",
                        "id", x.comment())),
                new Operation("createPage", Needs.WRITE, (t, x) -> call(t, "mutation($w: ID!) {"
                        + " createPage(workspaceId: $w, title: \"new\") { id } }", "w", x.workspace())),
                new Operation("appendBlock", Needs.WRITE, (t, x) -> call(t, "mutation($p: ID!) {"
                        + " appendBlock(pageId: $p, type: TODO, text: \"x\") { id } }", "p", x.page())),
                new Operation("updateBlock", Needs.WRITE, (t, x) -> call(t, "mutation($id: ID!) {"
                        + " updateBlock(id: $id, text: \"edited\") { id } }", "id", x.block())),
                new Operation("deleteBlock", Needs.WRITE, (t, x) -> call(t, "mutation($id: ID!) { deleteBlock(id: $id) }",
                        "id", x.freshBlock().get())),
                new Operation("addComment", Needs.WRITE, (t, x) -> call(t, "mutation($p: ID!) {"
                        + " addComment(pageId: $p, text: \"c\") { id } }", "p", x.page())),
                new Operation("inviteMember", Needs.OWN, (t, x) -> call(t, "mutation($w: ID!, $e: String!) {"
                        + " inviteMember(workspaceId: $w, email: $e, role: VIEWER) { id } }", "w", x.workspace(),
                        "e", Gql.signUp("Newcomer").email())));
    }

    @TestFactory
    Stream<DynamicTest> everyCallerAgainstEveryOperation() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Who who : Who.values()) {
            for (Operation operation : operations()) {
                tests.add(DynamicTest.dynamicTest(who + " × " + operation.name(),
                        () -> check(who, operation, operation.run().apply(token(who), real))));
            }
        }
        return tests.stream();
    }

    private void check(Who who, Operation operation, JsonPath response) {
        String expected = expectedCode(who, operation.needs());
        boolean isNode = operation.name().startsWith("node");
        if (expected == null || (isNode && expected.equals("NOT_FOUND"))) {
            assertThat(response.getList("errors")).as("errors").isNull();
            Object data = response.get("data." + operation.name().replaceAll("\\(.*", ""));
            if (expected == null) {
                assertThat(data).as("data").isNotNull();
            } else {
                assertThat(data).as("node hides what the caller may not see").isNull();
            }
            return;
        }
        assertThat(Gql.code(response)).isEqualTo(expected);
        if (expected.equals("NOT_FOUND")) {
            // No hint: the same error as for objects that do not exist at all.
            JsonPath missing = operation.run().apply(stranger.token(), ghost);
            assertThat(Gql.code(missing)).isEqualTo("NOT_FOUND");
            assertThat(Gql.message(response)).isEqualTo(Gql.message(missing));
        }
    }

    /** The error code the caller must get, or null for success. */
    private static String expectedCode(Who who, Needs needs) {
        return switch (who) {
            case ANONYMOUS -> "UNAUTHENTICATED";
            case STRANGER -> "NOT_FOUND";
            case OWNER -> null;
            case EDITOR -> needs == Needs.OWN ? "FORBIDDEN" : null;
            case VIEWER -> needs == Needs.READ ? null : "FORBIDDEN";
        };
    }

    private String token(Who who) {
        return switch (who) {
            case OWNER -> owner.token();
            case EDITOR -> editor.token();
            case VIEWER -> viewer.token();
            case STRANGER -> stranger.token();
            case ANONYMOUS -> null;
        };
    }

    private String messageForAWorkspaceThatDoesNotExist() {
        JsonPath response = call(stranger.token(), "query($w: ID!) { workspace(id: $w) { name } }", "w", ghost.workspace());
        assertThat(Gql.code(response)).isEqualTo("NOT_FOUND");
        return Gql.message(response);
    }

    @Test
    void aStrangerCannotTellAPrivateWorkspaceFromAMissingOne() {
        JsonPath privateOne = call(stranger.token(), "query($w: ID!) { workspace(id: $w) { name } }", "w", workspace);
        assertThat(Gql.code(privateOne)).isEqualTo("NOT_FOUND");
        assertThat(Gql.message(privateOne)).isEqualTo(messageForAWorkspaceThatDoesNotExist());
        assertThat(privateOne.getString("data.workspace")).isNull();
        assertThat(Gql.myWorkspaceIds(stranger)).doesNotContain(workspace);
    }

    @Test
    void anonymousCallersMaySignUpAndLogInButNothingElse() {
        assertThat(Gql.code(call(null, "{ me { id } }"))).isEqualTo("UNAUTHENTICATED");
        assertThat(Gql.code(call("not-a-token", "{ me { id } }"))).isEqualTo("UNAUTHENTICATED");
        assertThat(Gql.code(call(null, "mutation { logOut }"))).isEqualTo("UNAUTHENTICATED");
        assertThat(Gql.code(call(null, "mutation { createWorkspace(name: \"x\") { id } }"))).isEqualTo("UNAUTHENTICATED");
        // A stale token does not stand in the way of logging in again.
        JsonPath login = call("revoked-or-garbage", "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p)"
                + " { token } }", "e", owner.email(), "p", Gql.PASSWORD);
        assertThat(login.getList("errors")).isNull();
        assertThat(Gql.code(call(null, "mutation($e: String!) { logIn(email: $e, password: \"wrong password\")"
                + " { token } }", "e", owner.email()))).isEqualTo("UNAUTHENTICATED");
    }
}
