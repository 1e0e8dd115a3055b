package dev.shardwise.graphql.it;

import static dev.shardwise.graphql.it.Gql.call;
import static dev.shardwise.graphql.it.Gql.code;
import static dev.shardwise.graphql.it.Gql.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The account's own operations: profile, password (revoking the other sessions) and logging out everywhere. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class AccountOperationsIT {

    private static final String ME = "{ me { id name } }";
    private static final String LOG_IN = "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }";
    private static final String CHANGE = "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c,"
            + " newPassword: $n) }";

    private static String secondSession(Account account, String password) {
        return data(null, LOG_IN, "e", account.email(), "p", password).getString("data.logIn.token");
    }

    @Test
    void updateProfileRenamesTheCallerOnly() {
        Account ada = Gql.signUp("Ada");
        assertThat(data(ada.token(), "mutation($n: String!) { updateProfile(name: $n) { id name } }", "n", " Ada L. ")
                .getString("data.updateProfile.name")).isEqualTo("Ada L.");
        assertThat(data(ada.token(), ME).getString("data.me.name")).isEqualTo("Ada L.");
        assertThat(code(call(ada.token(), "mutation($n: String!) { updateProfile(name: $n) { id } }", "n", "A\u0000")))
                .isEqualTo("BAD_USER_INPUT");
        assertThat(code(call(null, "mutation { updateProfile(name: \"Eve\") { id } }"))).isEqualTo("UNAUTHENTICATED");
        assertThat(data(ada.token(), ME).getString("data.me.name")).isEqualTo("Ada L.");
    }

    @Test
    void changingThePasswordRevokesTheOtherSessionsAndKeepsThisOne() {
        Account ada = Gql.signUp("Ada");
        String other = secondSession(ada, Gql.PASSWORD);
        assertThat(code(call(ada.token(), CHANGE, "c", "not the password", "n", "a brand new password")))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(code(call(ada.token(), CHANGE, "c", Gql.PASSWORD, "n", "short"))).isEqualTo("BAD_USER_INPUT");
        assertThat(data(other, ME).getString("data.me.id")).as("refused changes revoke nothing").isEqualTo(ada.id());

        assertThat(data(ada.token(), CHANGE, "c", Gql.PASSWORD, "n", "a brand new password").getInt("data.changePassword"))
                .isEqualTo(1);
        assertThat(code(call(other, ME))).isEqualTo("UNAUTHENTICATED");
        assertThat(data(ada.token(), ME).getString("data.me.id")).isEqualTo(ada.id());
        assertThat(code(call(null, LOG_IN, "e", ada.email(), "p", Gql.PASSWORD))).isEqualTo("UNAUTHENTICATED");
        assertThat(secondSession(ada, "a brand new password")).isNotBlank();
    }

    @Test
    void logOutEverywhereRevokesEverySessionThisOneIncluded() {
        Account ada = Gql.signUp("Ada");
        String other = secondSession(ada, Gql.PASSWORD);
        Account bob = Gql.signUp("Bob");
        assertThat(data(ada.token(), "mutation { logOutEverywhere }").getInt("data.logOutEverywhere")).isEqualTo(2);
        assertThat(code(call(ada.token(), ME))).isEqualTo("UNAUTHENTICATED");
        assertThat(code(call(other, ME))).isEqualTo("UNAUTHENTICATED");
        assertThat(data(bob.token(), ME).getString("data.me.id")).as("another user's sessions").isEqualTo(bob.id());
        assertThat(secondSession(ada, Gql.PASSWORD)).as("she can log in again").isNotBlank();
    }
}
