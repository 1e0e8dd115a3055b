package dev.shardwise.domains.product.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.AppException.Code;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.AuthResult;
import dev.shardwise.domains.product.api.Views.UserView;
import dev.shardwise.domains.product.auth.Argon2Settings;
import dev.shardwise.domains.product.auth.AuthDatabase.ClaimRow;
import dev.shardwise.domains.product.auth.AuthDatabase.StatementRecorder;
import dev.shardwise.domains.product.auth.AuthDatabase;
import dev.shardwise.domains.product.auth.AuthService;
import dev.shardwise.domains.product.auth.AuthSettings;
import dev.shardwise.domains.product.auth.PasswordHasher;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.domains.product.testing.Linting;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link AuthService} on the real fleet: the global email claims and the 16 identity shards. */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthServiceIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Argon2Settings CHEAP = new Argon2Settings(1024, 1, 1);

    private final Clock clock = Clock.systemUTC();
    private final UuidV7 ids = new UuidV7(clock);
    private final StatementRecorder recorder = new StatementRecorder();
    private AuthDatabase db;
    private final PasswordHasher hasher = new PasswordHasher(CHEAP, new SecureRandom());
    private ControlPlane controlPlane;
    private DataAccess data;
    private Router router;
    private AuthService auth;

    @BeforeAll
    void setUp(Fleet fleet) {
        controlPlane = new ControlPlane(fleet.endpoints(), SchemaDomains.load(), clock, System.out::println);
        controlPlane.bootstrap();
        controlPlane.migrateAll();
        // 16 connections per primary so that the 16 concurrent sign-ups never queue for one.
        var pools = new PoolSettings(fleet.endpoints().user(), fleet.endpoints().password(), 16, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(2));
        data = DataAccess.open(fleet.endpoints(), DataAccess.Settings.of(controlPlane, pools)
                .withEntities(ProductEntities.byDomain())
                .withHooks(List.of(recorder, Linting.raising())), clock);
        router = data.router();
        auth = service(hasher);
        db = new AuthDatabase(router);
    }

    @AfterAll
    void tearDown() {
        data.close();
        controlPlane.close();
    }

    private AuthService service(PasswordHasher passwords) {
        return service(passwords, AuthSettings.defaults());
    }

    private AuthService service(PasswordHasher passwords, AuthSettings settings) {
        return new AuthService(ProductData.of(data, SchemaDomains.load()),
                passwords, ids, clock, new SecureRandom(), settings);
    }

    @Test
    void signUpOpensASessionUntilLogOut() {
        String email = uniqueEmail();
        AuthResult result = auth.signUp("  " + email.toUpperCase() + " ", "  Ada Lovelace ", PASSWORD);

        UserView user = result.user();
        assertThat(user.email()).isEqualTo(email);
        assertThat(user.name()).isEqualTo("Ada Lovelace");
        assertThat(auth.user(auth.authenticate(result.token()), user.id())).isEqualTo(user);
        assertThat(auth.userIdByEmail(email.toUpperCase())).contains(user.id());
        assertThat(db.claim(email)).contains(new ClaimRow(user.id(), "CONFIRMED", Optional.empty()));
        assertThat(db.tokenHashes(user.id())).as("only a hash of the token is stored").singleElement()
                .isEqualTo(sha256(result.token()));

        Caller caller = auth.authenticate(result.token());
        assertThat(caller.userId()).isEqualTo(user.id());
        auth.logOut(caller);
        assertUnauthenticated(() -> auth.authenticate(result.token()), "not signed in, or the session has expired");
        auth.logOut(caller);

        AuthResult again = auth.logIn(email, PASSWORD);
        assertThat(again.user()).isEqualTo(user);
        assertThat(auth.authenticate(again.token()).sessionId()).isNotEqualTo(caller.sessionId());
        assertUnauthenticated(() -> auth.authenticate(result.token()), "not signed in, or the session has expired");
    }

    @Test
    void logInAnswersWrongPasswordAndUnknownEmailAlike() {
        String email = uniqueEmail();
        UUID userId = auth.signUp(email, "Grace", PASSWORD).user().id();

        assertThat(auth.logIn(" " + email.toUpperCase(), PASSWORD).user().id()).isEqualTo(userId);
        String message = "email or password is wrong";
        assertUnauthenticated(() -> auth.logIn(email, PASSWORD + "!"), message);
        assertUnauthenticated(() -> auth.logIn(email, ""), message);
        assertUnauthenticated(() -> auth.logIn(email, null), message);
        assertUnauthenticated(() -> auth.logIn(uniqueEmail(), PASSWORD), message);
        assertUnauthenticated(() -> auth.logIn("not an email", PASSWORD), message);
        assertUnauthenticated(() -> auth.logIn(null, PASSWORD), message);
    }

    @Test
    void forgedRevokedAndExpiredTokensAreRefusedWithOneMessage() {
        AuthResult result = auth.signUp(uniqueEmail(), "Token", PASSWORD);
        Caller caller = auth.authenticate(result.token());
        String token = result.token();
        String message = "not signed in, or the session has expired";
        char last = token.charAt(60);
        String alteredSecret = token.substring(0, 60) + (last == 'A' ? 'B' : 'A') + token.substring(61);
        assertUnauthenticated(() -> auth.authenticate(alteredSecret), message);
        assertUnauthenticated(() -> auth.authenticate("garbage"), message);
        assertUnauthenticated(() -> auth.authenticate(null), message);
        assertUnauthenticated(() -> auth.authenticate("Bearer " + token), message);

        assertThat(auth.authenticate(token)).isEqualTo(caller);
        db.expireSession(caller.userId(), caller.sessionId(), clock.instant().minusSeconds(1));
        // The identity shard decides: read there, the session is refused at once; an instance that
        // read it within its session cache's time to live (1 s) refuses it when that copy expires.
        AuthService uncached = service(hasher, AuthSettings.defaults().withSessionCacheTtl(Duration.ZERO));
        assertUnauthenticated(() -> uncached.authenticate(token), message);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertUnauthenticated(() -> auth.authenticate(token), message));
    }

    @Test
    void aTakenEmailIsAConflictWhateverItsCase() {
        String email = uniqueEmail();
        UUID first = auth.signUp(email, "First", PASSWORD).user().id();
        assertConflict(() -> auth.signUp(email, "Second", PASSWORD));
        assertConflict(() -> auth.signUp(email.toUpperCase(), "Third", PASSWORD + "x"));
        assertThat(auth.userIdByEmail(email)).contains(first);
        assertThat(db.usersWithEmail(email)).isEqualTo(1);
        assertThat(auth.userIdByEmail(uniqueEmail())).isEmpty();
        assertThatThrownBy(() -> auth.userIdByEmail("not an email")).isInstanceOfSatisfying(AppException.class,
                e -> assertThat(e.code()).isEqualTo(Code.BAD_USER_INPUT));
    }

    @Test
    void concurrentSignUpsForOneEmailLetExactlyOneThrough() throws Exception {
        String email = uniqueEmail();
        int contenders = 16;
        CountDownLatch ready = new CountDownLatch(contenders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AuthResult>> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            for (int i = 0; i < contenders; i++) {
                String name = "Contender " + i;
                Callable<AuthResult> signUp = () -> {
                    ready.countDown();
                    go.await();
                    return auth.signUp(email, name, PASSWORD);
                };
                outcomes.add(pool.submit(signUp));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<AuthResult> winners = new ArrayList<>();
            int conflicts = 0;
            for (Future<AuthResult> outcome : outcomes) {
                try {
                    winners.add(outcome.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(AppException.class,
                            ae -> assertThat(ae.code()).isEqualTo(Code.CONFLICT));
                    conflicts++;
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(conflicts).isEqualTo(contenders - 1);
            assertThat(db.usersWithEmail(email)).as("user rows for the email over all identity shards").isEqualTo(1);
            assertThat(auth.userIdByEmail(email)).contains(winners.getFirst().user().id());
            assertThat(auth.authenticate(winners.getFirst().token()).userId()).isEqualTo(winners.getFirst().user().id());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredClaimWhoseUserWasNeverCreatedIsTakenOver() {
        String email = uniqueEmail();
        UUID ghost = ids.next();
        db.insertPendingClaim(email, ghost, clock.instant().minus(Duration.ofMinutes(10)), clock.instant().minusSeconds(1));
        assertThat(auth.userIdByEmail(email)).as("a pending claim names nobody yet").isEmpty();

        AuthResult result = auth.signUp(email, "Newcomer", PASSWORD);

        assertThat(result.user().id()).isNotEqualTo(ghost);
        assertThat(db.claim(email)).contains(new ClaimRow(result.user().id(), "CONFIRMED", Optional.empty()));
        assertThat(auth.logIn(email, PASSWORD).user().id()).isEqualTo(result.user().id());
    }

    @Test
    void aSignUpThatDiedBeforeConfirmingIsCompletedByTheFirstLogIn() {
        String email = uniqueEmail();
        UUID userId = ids.next();
        Instant claimedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        db.insertPendingClaim(email, userId, claimedAt, claimedAt.plus(Duration.ofMinutes(2)));
        db.insertUser(userId, email, "Survivor", hasher.hash(PASSWORD), claimedAt);
        assertThat(auth.userIdByEmail(email)).isEmpty();
        assertConflict(() -> auth.signUp(email, "Someone else", PASSWORD));

        assertUnauthenticated(() -> auth.logIn(email, "not the password"), "email or password is wrong");
        assertThat(db.claim(email).orElseThrow().state()).as("a failed log-in confirms nothing").isEqualTo("PENDING");
        AuthResult result = auth.logIn(email, PASSWORD);

        assertThat(result.user()).isEqualTo(new UserView(userId, email, "Survivor", claimedAt));
        assertThat(db.claim(email)).contains(new ClaimRow(userId, "CONFIRMED", Optional.empty()));
        assertThat(auth.userIdByEmail(email)).contains(userId);
        assertThat(auth.authenticate(result.token()).userId()).isEqualTo(userId);
    }

    @Test
    void anExpiredClaimWhoseUserExistsIsConfirmedNotTakenOver() {
        String email = uniqueEmail();
        UUID userId = ids.next();
        db.insertPendingClaim(email, userId, clock.instant().minus(Duration.ofMinutes(10)), clock.instant().minusSeconds(1));
        db.insertUser(userId, email, "Slow", hasher.hash(PASSWORD), clock.instant().minus(Duration.ofMinutes(9)));

        assertConflict(() -> auth.signUp(email, "Usurper", PASSWORD));

        assertThat(db.claim(email)).contains(new ClaimRow(userId, "CONFIRMED", Optional.empty()));
        assertThat(db.usersWithEmail(email)).isEqualTo(1);
    }

    @Test
    void aSignUpWhoseClaimWasTakenOverMeanwhileRemovesItsUser() {
        String email = uniqueEmail();
        UUID faster = ids.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Just before step 3, another sign-up takes the claim (as if this one had outlived its TTL).
        recorder.onceBefore(Pattern.compile("(?i)^update email_claims\\b.* set state\\b"),
                () -> db.reassignClaim(email, faster, now, now.plus(Duration.ofMinutes(2))));

        assertConflict(() -> auth.signUp(email, "Too slow", PASSWORD));

        assertThat(db.usersWithEmail(email)).as("step 2 was undone").isZero();
        assertThat(db.claim(email)).contains(new ClaimRow(faster, "PENDING", Optional.of(now.plus(Duration.ofMinutes(2)))));
    }

    @Test
    void aLiveClaimBlocksTheEmailAndAClaimWithoutUserCannotLogIn() {
        String email = uniqueEmail();
        UUID holder = ids.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plus(Duration.ofMinutes(2));
        db.insertPendingClaim(email, holder, now, expires);

        assertConflict(() -> auth.signUp(email, "Too early", PASSWORD));
        assertUnauthenticated(() -> auth.logIn(email, PASSWORD), "email or password is wrong");

        assertThat(db.claim(email)).contains(new ClaimRow(holder, "PENDING", Optional.of(expires)));
        assertThat(db.usersWithEmail(email)).isZero();
    }

    @Test
    void logInUpgradesAHashMadeWithOlderParameters() {
        String email = uniqueEmail();
        UUID userId = auth.signUp(email, "Upgrade", PASSWORD).user().id();
        var stronger = new Argon2Settings(2048, 2, 1);
        AuthService upgraded = service(new PasswordHasher(stronger, new SecureRandom()));

        upgraded.logIn(email, PASSWORD);

        assertThat(db.passwordHash(userId)).startsWith("$argon2id$v=19$m=2048,t=2,p=1$");
        assertThat(auth.logIn(email, PASSWORD).user().id()).as("old settings still verify new hashes").isEqualTo(userId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignUps")
    void badInputIsRefusedBeforeAnythingIsWritten(String label, String email, String name, String password) {
        assertThatThrownBy(() -> auth.signUp(email, name, password)).isInstanceOfSatisfying(AppException.class,
                e -> assertThat(e.code()).isEqualTo(Code.BAD_USER_INPUT));
        String key = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
        assertThat(db.claim(key)).isEmpty();
        assertThat(db.usersWithEmail(key)).isZero();
    }

    Stream<Arguments> badSignUps() {
        String tooLongEmail = "a".repeat(60) + "@" + "b".repeat(Limits.MAX_EMAIL_CHARS) + ".example.com";
        return Stream.of(
                Arguments.of("null email", null, "Name", PASSWORD),
                Arguments.of("empty email", "", "Name", PASSWORD),
                Arguments.of("no at sign", "bad-" + UUID.randomUUID() + ".example.com", "Name", PASSWORD),
                Arguments.of("no domain dot", "bad-" + UUID.randomUUID() + "@localhost", "Name", PASSWORD),
                Arguments.of("two at signs", "bad-" + UUID.randomUUID() + "@x@example.com", "Name", PASSWORD),
                Arguments.of("space inside", "bad " + UUID.randomUUID() + "@example.com", "Name", PASSWORD),
                Arguments.of("too long", tooLongEmail, "Name", PASSWORD),
                Arguments.of("short password", uniqueEmail(), "Name", "1234567"),
                Arguments.of("too long password", uniqueEmail(), "Name", "p".repeat(Limits.MAX_PASSWORD_CHARS + 1)),
                Arguments.of("null password", uniqueEmail(), "Name", null),
                Arguments.of("empty name", uniqueEmail(), "", PASSWORD),
                Arguments.of("blank name", uniqueEmail(), " \t ", PASSWORD),
                Arguments.of("null name", uniqueEmail(), null, PASSWORD),
                Arguments.of("too long name", uniqueEmail(), "n".repeat(Limits.MAX_USER_NAME_CHARS + 1), PASSWORD));
    }

    @Test
    void usersAreReadWithOneStatementPerShardInvolved() {
        Caller reader = auth.authenticate(auth.signUp(uniqueEmail(), "Reader", PASSWORD).token());
        Map<UUID, UserView> created = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            UserView user = auth.signUp(uniqueEmail(), "Batch " + i, PASSWORD).user();
            created.put(user.id(), user);
        }
        List<UUID> asked = new ArrayList<>(created.keySet());
        asked.add(asked.getFirst());
        Set<ShardId> expectedShards = new HashSet<>();
        asked.forEach(id -> expectedShards.add(db.shardOf(id)));
        assertThat(expectedShards).as("the batch spans several shards").hasSizeGreaterThan(3);

        List<ShardId> statements = recorder.record(() -> assertThat(auth.users(reader, asked)).isEqualTo(created));

        assertThat(new HashSet<>(statements)).isEqualTo(expectedShards);
        assertThat(statements).as("one statement per shard").hasSize(expectedShards.size());
        assertThat(recorder.record(() -> assertThat(auth.users(reader, List.of())).isEmpty())).isEmpty();

        // An id no read shows is confirmed on its primary (a replica may trail someone else's sign-up):
        // one more statement, on that id's shard only, and still absent.
        UUID unknown = ids.next();
        List<UUID> withUnknown = new ArrayList<>(asked);
        withUnknown.add(unknown);
        Set<ShardId> shardsWithUnknown = new HashSet<>(expectedShards);
        shardsWithUnknown.add(db.shardOf(unknown));
        List<ShardId> more = recorder.record(() -> assertThat(auth.users(reader, withUnknown)).isEqualTo(created));
        assertThat(more).hasSize(shardsWithUnknown.size() + 1).endsWith(db.shardOf(unknown));
        assertThatThrownBy(() -> auth.user(reader, unknown)).isInstanceOfSatisfying(AppException.class,
                e -> assertThat(e.code()).isEqualTo(Code.NOT_FOUND));
    }

    private static byte[] sha256(String token) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private static void assertUnauthenticated(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AppException.class, e -> {
            assertThat(e.code()).isEqualTo(Code.UNAUTHENTICATED);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static void assertConflict(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AppException.class, e -> {
            assertThat(e.code()).isEqualTo(Code.CONFLICT);
            assertThat(e.getMessage()).isEqualTo("email is already registered");
        });
    }
}
