package dev.shardwise.graphql.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.it.Gql.Account;
import io.restassured.path.json.JsonPath;

/** The fixed operator accounts of the test profile (emails in application.properties), created on first use. */
final class OperatorAccounts {

    private OperatorAccounts() {
    }

    /** Signs the operator up, or logs them in if an earlier run on this fleet already did. */
    static Account signUpOrLogIn(String email) {
        JsonPath up = Gql.call(null, """
                mutation($email: String!, $password: String!) {
                  signUp(email: $email, name: "Operator", password: $password) { token user { id } }
                }""", "email", email, "password", Gql.PASSWORD);
        if (up.getList("errors") == null) {
            return new Account(up.getString("data.signUp.token"), up.getString("data.signUp.user.id"), email, "Operator");
        }
        JsonPath in = Gql.data(null, """
                mutation($email: String!, $password: String!) {
                  logIn(email: $email, password: $password) { token user { id } }
                }""", "email", email, "password", Gql.PASSWORD);
        assertThat(in.getString("data.logIn.token")).isNotBlank();
        return new Account(in.getString("data.logIn.token"), in.getString("data.logIn.user.id"), email, "Operator");
    }
}
