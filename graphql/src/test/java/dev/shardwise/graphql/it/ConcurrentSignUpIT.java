package dev.shardwise.graphql.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Ten parallel sign-ups with one email over HTTP: exactly one account, everyone else CONFLICT. */
@QuarkusTest
@WithTestResource(FleetResource.class)
class ConcurrentSignUpIT {

    private static final int CALLERS = 10;

    @Test
    void exactlyOneOfConcurrentSignUpsWithOneEmailWins() throws Exception {
        String email = Gql.uniqueEmail("race");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonPath>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CALLERS)) {
            for (int i = 0; i < CALLERS; i++) {
                String name = "Racer " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return Gql.call(null, """
                            mutation($e: String!, $n: String!, $p: String!) {
                              signUp(email: $e, name: $n, password: $p) { token user { id name } }
                            }""", "e", email, "n", name, "p", Gql.PASSWORD);
                }));
            }
            start.countDown();
        }
        List<JsonPath> winners = new ArrayList<>();
        List<String> loserCodes = new ArrayList<>();
        for (Future<JsonPath> result : results) {
            JsonPath json = result.get();
            if (json.getList("errors") == null) {
                winners.add(json);
            } else {
                loserCodes.add(Gql.code(json));
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(loserCodes).hasSize(CALLERS - 1).containsOnly("CONFLICT");

        JsonPath winner = winners.getFirst();
        JsonPath me = Gql.data(winner.getString("data.signUp.token"), "{ me { id email name } }");
        assertThat(me.getString("data.me.id")).isEqualTo(winner.getString("data.signUp.user.id"));
        assertThat(me.getString("data.me.name")).isEqualTo(winner.getString("data.signUp.user.name"));
        // Only the winner's password and account exist: logging in finds the same user.
        JsonPath login = Gql.data(null, "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { user { id } } }",
                "e", email, "p", Gql.PASSWORD);
        assertThat(login.getString("data.logIn.user.id")).isEqualTo(winner.getString("data.signUp.user.id"));
    }
}
