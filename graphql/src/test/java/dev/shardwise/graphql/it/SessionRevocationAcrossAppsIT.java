package dev.shardwise.graphql.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session cache across two application processes: each instance caches the sessions it
 * reads, and a log-out on one reaches the other over Redis. The cache's time to live is set to
 * a minute here, so only the announcement can make the second instance refuse the token within
 * a second; the first refuses it at once.
 */
@ExtendWith(FleetExtension.class)
class SessionRevocationAcrossAppsIT {

    private static final String ME = "{ me { id } }";
    private static final String CACHE_FOR_A_MINUTE = "shardwise.api.session-cache-ttl=1m";

    @Test
    void aLogOutOnOneInstanceLocksTheTokenOutOfTheOtherWithinASecond(Fleet fleet) throws Exception {
        Path endpoints = Fleet.endpointsFile(fleet.repoRoot()).toAbsolutePath();
        try (AppProcess a = AppProcess.start("session-a", endpoints, CACHE_FOR_A_MINUTE);
             AppProcess b = AppProcess.start("session-b", endpoints, CACHE_FOR_A_MINUTE)) {
            String email = "cache-" + UUID.randomUUID() + "@example.com";
            String leaving = signUp(a, email);
            String staying = call(b, null, "mutation($e: String!) { logIn(email: $e, password: \"correct horse"
                    + " battery staple\") { token } }", Map.of("e", email)).getString("data.logIn.token");
            String userId = call(a, leaving, ME).getString("data.me.id");
            // Both instances now hold both sessions in their caches.
            for (AppProcess app : new AppProcess[] {a, b}) {
                for (String token : new String[] {leaving, staying}) {
                    assertThat(call(app, token, ME).getString("data.me.id")).isEqualTo(userId);
                }
            }

            assertThat(call(a, leaving, "mutation { logOut }").getBoolean("data.logOut")).isTrue();

            assertThat(errorCode(call(a, leaving, ME))).isEqualTo("UNAUTHENTICATED");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> "UNAUTHENTICATED".equals(errorCode(call(b, leaving, ME))));
            // The user's other session is another key: it stays valid everywhere.
            assertThat(call(a, staying, ME).getString("data.me.id")).isEqualTo(userId);
            assertThat(call(b, staying, ME).getString("data.me.id")).isEqualTo(userId);
        }
    }

    private static String signUp(AppProcess app, String email) {
        JsonPath r = call(app, null, "mutation($e: String!) { signUp(email: $e, name: \"Cache\", password: \"correct"
                + " horse battery staple\") { token } }", Map.of("e", email));
        assertThat(r.getList("errors")).isNull();
        return r.getString("data.signUp.token");
    }

    private static JsonPath call(AppProcess app, String token, String query) {
        return call(app, token, query, Map.of());
    }

    private static JsonPath call(AppProcess app, String token, String query, Map<String, Object> variables) {
        var request = given().baseUri(app.url()).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables));
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    private static String errorCode(JsonPath response) {
        return response.getString("errors[0].extensions.code");
    }
}
