package dev.shardwise.graphql.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-up and log-in limits hold across instances (two app processes share them through Redis),
 * a refusal is RATE_LIMITED with a retry-after and does nothing, and other clients and accounts
 * are not affected. Each client is told apart by the address its (simulated) proxy forwards; the
 * addresses are random documentation addresses, so reruns within a minute start afresh.
 */
@ExtendWith(FleetExtension.class)
class RateLimitsIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SIGN_UP = "mutation($e: String!) { signUp(email: $e, name: \"Rate\", password: \""
            + PASSWORD + "\") { token } }";
    private static final String LOG_IN = "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }";
    private static final String[] LIMITS = {"quarkus.http.proxy.proxy-address-forwarding=true",
        "quarkus.http.proxy.allow-x-forwarded=true", "shardwise.api.rate-limits.auth-per-address=3",
        "shardwise.api.rate-limits.failed-log-ins-per-account=2"};

    @Test
    void limitsAreSharedByEveryInstanceAndRefusalsDoNothing(Fleet fleet) throws Exception {
        Path endpoints = Fleet.endpointsFile(fleet.repoRoot()).toAbsolutePath();
        try (AppProcess a = AppProcess.start("rate-a", endpoints, LIMITS);
             AppProcess b = AppProcess.start("rate-b", endpoints, LIMITS)) {
            perAddressLimitSpansInstances(a, b);
            failedLogInsLockTheAccountOnly(a, b);
        }
    }

    private static void perAddressLimitSpansInstances(AppProcess a, AppProcess b) {
        String client = randomAddress();
        assertThat(post(a, client, SIGN_UP, Map.of("e", email())).statusCode()).isEqualTo(200);
        assertThat(post(b, client, SIGN_UP, Map.of("e", email())).statusCode()).isEqualTo(200);
        assertThat(post(a, client, SIGN_UP, Map.of("e", email())).statusCode()).isEqualTo(200);
        String refusedEmail = email();
        Response refused = post(b, client, SIGN_UP, Map.of("e", refusedEmail));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
        assertThat(refused.jsonPath().getInt("errors[0].extensions.retryAfterSeconds")).isPositive();
        assertThat(refused.jsonPath().getString("errors[0].message")).contains("at most 3 per 1 min");
        // Another client is not affected, and the refused sign-up created nothing: its address is free.
        Response other = post(a, randomAddress(), SIGN_UP, Map.of("e", refusedEmail));
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.jsonPath().getString("data.signUp.token")).isNotBlank();
    }

    private static void failedLogInsLockTheAccountOnly(AppProcess a, AppProcess b) {
        String victim = email();
        String bystander = email();
        assertThat(post(a, randomAddress(), SIGN_UP, Map.of("e", victim)).statusCode()).isEqualTo(200);
        assertThat(post(a, randomAddress(), SIGN_UP, Map.of("e", bystander)).statusCode()).isEqualTo(200);
        for (AppProcess app : new AppProcess[] {a, b}) {
            Response wrong = post(app, randomAddress(), LOG_IN, Map.of("e", victim, "p", "wrong password!"));
            assertThat(wrong.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        }
        // Two failures on two instances spent the account's allowance: even the right password waits.
        Response locked = post(b, randomAddress(), LOG_IN, Map.of("e", victim.toUpperCase(), "p", PASSWORD));
        assertThat(locked.jsonPath().getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
        assertThat(locked.jsonPath().getInt("errors[0].extensions.retryAfterSeconds")).isPositive();
        assertThat(locked.jsonPath().getString("data")).isNull();
        Response fine = post(a, randomAddress(), LOG_IN, Map.of("e", bystander, "p", PASSWORD));
        assertThat(fine.jsonPath().getString("data.logIn.token")).isNotBlank();
    }

    private static Response post(AppProcess app, String client, String query, Map<String, Object> variables) {
        return given().baseUri(app.url()).contentType(ContentType.JSON).header("X-Forwarded-For", client)
                .body(Map.of("query", query, "variables", variables)).when().post("/graphql").then().extract().response();
    }

    private static String email() {
        return "rate-" + UUID.randomUUID() + "@example.com";
    }

    /** An address from the IPv6 documentation prefix: only ever a header value, never a destination. */
    private static String randomAddress() {
        byte[] suffix = new byte[8];
        ThreadLocalRandom.current().nextBytes(suffix);
        String hex = HexFormat.of().formatHex(suffix);
        return "2001:db8:" + hex.substring(0, 4) + ":" + hex.substring(4, 8) + "::" + hex.substring(8, 12);
    }
}
