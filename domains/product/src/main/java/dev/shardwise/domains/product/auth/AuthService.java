package dev.shardwise.domains.product.auth;

import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.AuthResult;
import dev.shardwise.domains.product.api.Views.UserView;
import dev.shardwise.domains.product.auth.EmailClaims.Claim;
import dev.shardwise.domains.product.auth.Identities.Login;
import dev.shardwise.domains.product.auth.Identities.NewSession;
import dev.shardwise.domains.product.auth.Identities.StoredSession;
import dev.shardwise.routing.error.ShardUnavailableException;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.routing.replica.SessionPositions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link AuthApi} on the {@code global} email claims and the {@code identity} shards, with
 * Hibernate sessions bound to one logical shard. Every step is one unit of work on one shard; no
 * transaction spans two shards or two domains.
 *
 * <p><b>Sign-up</b> runs three steps. (1) {@code global}: insert a PENDING claim on the email
 * ({@code ON CONFLICT DO NOTHING}); if another claim holds it, the sign-up fails with CONFLICT,
 * unless that claim is PENDING and expired. Then the old claimant's identity shard decides: if
 * its user row exists (its sign-up died after step 2), the old claim is confirmed and this
 * sign-up gets CONFLICT; otherwise a compare-and-set update takes the claim over, and losing
 * that race is CONFLICT too. (2) The user's identity shard: the user, its password credential
 * and its first session, in one transaction. (3) {@code global}: confirm the claim if it is
 * still this user's. If step 2 or 3 fails, the claim stays PENDING: the email is blocked until
 * the claim expires ({@link AuthSettings#claimTtl()}) and, if step 2 committed, the user's first
 * log-in (or the next sign-up attempt for the email) confirms it. If step 3 finds the claim taken
 * over (this sign-up was slower than the claim TTL), it deletes the user it created and answers
 * CONFLICT, so at most one user per email ever keeps a confirmed claim.
 *
 * <p><b>Log-in</b> answers the same UNAUTHENTICATED message for an unknown email and a wrong
 * password, and verifies against a dummy hash when there is no account, so the two cost the same
 * time. A PENDING claim whose user exists is confirmed on the way. Hashes made with weaker
 * parameters than the current ones are replaced.
 *
 * <p><b>Tokens</b> ({@link SessionTokens}) carry the user and session ids, so {@link #authenticate}
 * reads at most one row on one identity shard, and none when this instance read the session
 * within {@link AuthSettings#sessionCacheTtl()} ({@link SessionCache}). A log-out announces the
 * revoked session to every instance ({@link SessionRevocations}), which drop it at once. Only
 * SHA-256 of a token is stored; the token's hash, the expiry and the revocation are checked on
 * every request, cached or not. Malformed, unknown, revoked and expired tokens all fail with one
 * message.
 *
 * <p>Routing failures (a shard unavailable) propagate as {@code RoutingException}s.
 */
public final class AuthService implements AuthApi {

    private static final String EMAIL_TAKEN = "email is already registered";
    private static final String WRONG_CREDENTIALS = "email or password is wrong";
    private static final String NOT_SIGNED_IN = "not signed in, or the session has expired";

    private final EmailClaims claims;
    private final Identities identities;
    private final PasswordHasher hasher;
    private final SessionTokens tokens;
    private final UuidV7 ids;
    private final Clock clock;
    private final AuthSettings settings;
    private final SessionCache sessionCache;
    private final SessionRevocations revocations;
    /** Verified when there is no account, so that unknown emails cost as much as wrong passwords. */
    private final String dummyHash;

    /** A service whose session revocations reach this instance only (one instance, or tests). */
    public AuthService(ProductData data, PasswordHasher hasher, UuidV7 ids, Clock clock, SecureRandom random,
                       AuthSettings settings) {
        this(data, hasher, ids, clock, random, settings, SessionRevocations.local());
    }

    /** A service that announces the sessions it revokes to, and hears them from, every instance. */
    public AuthService(ProductData data, PasswordHasher hasher, UuidV7 ids, Clock clock, SecureRandom random,
                       AuthSettings settings, SessionRevocations revocations) {
        Objects.requireNonNull(data, "data");
        this.claims = new EmailClaims(data.sessions(), data.domains().globalKeyspace());
        this.identities = new Identities(data.sessions(), data.reads(), data.domains().identityKeyspace());
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.tokens = new SessionTokens(Objects.requireNonNull(random, "random"));
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.sessionCache = SessionCache.create(settings.sessionCacheTtl(), revocations);
        byte[] noPassword = new byte[24];
        random.nextBytes(noPassword);
        this.dummyHash = hasher.hash(HexFormat.of().formatHex(noPassword));
    }

    /** {@inheritDoc} Invalid input is BAD_USER_INPUT, checked before anything is written. */
    @Override
    public AuthResult signUp(String email, String name, String password) {
        String normalized = Limits.email(email);
        String cleanName = Limits.text("name", name, Limits.MAX_USER_NAME_CHARS);
        // Hash before claiming: the claim's PENDING window then covers only the database steps.
        String passwordHash = hasher.hash(Limits.password(password));
        UUID userId = ids.next();
        claimEmail(normalized, userId);
        Instant now = now();
        UserView user = new UserView(userId, normalized, cleanName, now);
        SessionToken token = tokens.issue(userId, ids.next());
        NewSession session = newSession(token, now);
        try {
            identities.createAccount(user, passwordHash, session);
        } catch (ShardUnavailableException e) {
            throw e; // the identity shard was lost, maybe during COMMIT: the account may exist, keep the claim
        } catch (RuntimeException e) {
            // The transaction rolled back, nothing of the account was written: free the address now,
            // not when the claim times out. If the release fails too, the time-out still frees it.
            try {
                claims.release(normalized, userId);
            } catch (RuntimeException releaseFailed) {
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
        if (!claims.confirm(normalized, userId)) {
            // This sign-up outlived its claim and another one took the email: undo step 2.
            identities.deleteAccount(userId, normalized);
            throw AppException.conflict(EMAIL_TAKEN);
        }
        return new AuthResult(token.value(), user, session.positions().snapshot());
    }

    /** Step 1 of sign-up: returns once {@code userId} holds a PENDING claim on {@code email}. */
    private void claimEmail(String email, UUID userId) {
        Instant now = now();
        Optional<Claim> existing = claims.tryClaim(email, userId, now, now.plus(settings.claimTtl()));
        if (existing.isEmpty()) {
            return;
        }
        Claim claim = existing.get();
        if (!claim.expiredAt(now)) {
            throw AppException.conflict(EMAIL_TAKEN);
        }
        // The earlier sign-up ran out of time. If it created its user, it only missed step 3.
        boolean userExists = identities.findUser(ReadPolicy.PRIMARY, claim.userId()).filter(u -> u.email().equals(email)).isPresent();
        if (userExists) {
            claims.confirm(email, claim.userId());
            throw AppException.conflict(EMAIL_TAKEN);
        }
        Instant later = now();
        if (!claims.takeOver(email, claim.userId(), userId, later, later.plus(settings.claimTtl()))) {
            throw AppException.conflict(EMAIL_TAKEN);
        }
    }

    @Override
    public AuthResult logIn(String email, String password) {
        Optional<String> normalized = normalizedForLogIn(email);
        // Longer than any accepted password: it cannot match, and hashing it would be wasted work.
        if (password == null || password.length() > Limits.MAX_PASSWORD_CHARS) {
            throw AppException.unauthenticated(WRONG_CREDENTIALS);
        }
        Optional<Claim> claim = normalized.flatMap(claims::find);
        Optional<Login> login = claim.flatMap(c -> identities.findLogin(c.userId()))
                .filter(l -> l.user().email().equals(claim.get().email()));
        boolean matches = hasher.verify(password, login.map(Login::passwordHash).orElse(dummyHash));
        if (!matches || login.isEmpty()) {
            throw AppException.unauthenticated(WRONG_CREDENTIALS);
        }
        UserView user = login.get().user();
        // A sign-up that died after creating the user: the user proved who they are; finish it.
        if (claim.get().pending() && !claims.confirm(user.email(), user.id())) {
            throw AppException.unauthenticated(WRONG_CREDENTIALS);
        }
        Optional<String> rehashed = hasher.needsRehash(login.get().passwordHash())
                ? Optional.of(hasher.hash(password)) : Optional.empty();
        SessionToken token = tokens.issue(user.id(), ids.next());
        NewSession session = newSession(token, now());
        identities.openSession(user.id(), session, rehashed);
        return new AuthResult(token.value(), user, session.positions().snapshot());
    }

    private static Optional<String> normalizedForLogIn(String email) {
        try {
            return Optional.of(Limits.email(email));
        } catch (AppException invalid) {
            // No account can have an invalid address; answer like any other unknown email.
            return Optional.empty();
        }
    }

    /** {@inheritDoc} Revoking an already revoked session does nothing. */
    @Override
    public void logOut(Caller caller) {
        Objects.requireNonNull(caller, "caller");
        identities.revokeSession(caller.userId(), caller.sessionId(), now());
        announce(caller.userId(), List.of(caller.sessionId()));
    }

    /** {@inheritDoc} Every session of the user, this one included, stops working at once. */
    @Override
    public int logOutEverywhere(Caller caller) {
        Objects.requireNonNull(caller, "caller");
        List<UUID> revoked = identities.revokeSessions(caller.userId(), Optional.empty(), Optional.empty(), now());
        announce(caller.userId(), revoked);
        return revoked.size();
    }

    /**
     * {@inheritDoc} The current password is checked (and hashed) before anything is written; the
     * new hash and the revocation of every other session commit together.
     */
    @Override
    public int changePassword(Caller caller, String currentPassword, String newPassword) {
        Objects.requireNonNull(caller, "caller");
        String next = Limits.password(newPassword);
        Login login = identities.findLogin(caller.userId())
                .orElseThrow(() -> AppException.unauthenticated(NOT_SIGNED_IN));
        if (currentPassword == null || currentPassword.length() > Limits.MAX_PASSWORD_CHARS
                || !hasher.verify(currentPassword, login.passwordHash())) {
            throw AppException.unauthenticated("the current password is wrong");
        }
        List<UUID> revoked = identities.revokeSessions(caller.userId(), Optional.of(caller.sessionId()),
                Optional.of(hasher.hash(next)), now());
        announce(caller.userId(), revoked);
        return revoked.size();
    }

    @Override
    public UserView updateProfile(Caller caller, String name) {
        Objects.requireNonNull(caller, "caller");
        String clean = Limits.text("name", name, Limits.MAX_USER_NAME_CHARS);
        return identities.rename(caller.userId(), clean, now())
                .orElseThrow(() -> AppException.unauthenticated(NOT_SIGNED_IN));
    }

    /**
     * After the commit: every instance drops the revoked sessions from its cache (an instance that
     * hears it and reads again finds them revoked).
     */
    private void announce(UUID userId, List<UUID> sessions) {
        sessions.forEach(id -> revocations.announce(new SessionRevocations.Revoked(userId, id)));
    }

    @Override
    public Caller authenticate(String token) {
        SessionToken parsed = SessionTokens.parse(token).orElseThrow(() -> AppException.unauthenticated(NOT_SIGNED_IN));
        Optional<StoredSession> stored = sessionCache.find(parsed.userId(), parsed.sessionId(),
                () -> identities.findSession(parsed.userId(), parsed.sessionId()));
        Instant now = now();
        boolean valid = stored.isPresent()
                && MessageDigest.isEqual(stored.get().tokenHash(), parsed.hash())
                && stored.get().revokedAt().isEmpty()
                && stored.get().expiresAt().isAfter(now);
        if (!valid) {
            throw AppException.unauthenticated(NOT_SIGNED_IN);
        }
        return new Caller(parsed.userId(), parsed.sessionId());
    }

    @Override
    public UserView user(Caller caller, UUID userId) {
        Objects.requireNonNull(userId, "userId");
        return identities.findUser(readPolicy(caller), userId).orElseThrow(() -> AppException.notFound("user"));
    }

    @Override
    public Map<UUID, UserView> users(Caller caller, Collection<UUID> userIds) {
        Objects.requireNonNull(userIds, "userIds");
        return Map.copyOf(identities.findUsers(readPolicy(caller), userIds));
    }

    /** Replicas allowed, but never behind the caller's own session (its sign-up or log-in included). */
    private static ReadPolicy readPolicy(Caller caller) {
        return ReadPolicy.session(caller.readSession());
    }

    /** {@inheritDoc} An invalid address is BAD_USER_INPUT; a PENDING claim counts as no user. */
    @Override
    public Optional<UUID> userIdByEmail(String email) {
        return claims.find(Limits.email(email)).filter(c -> !c.pending()).map(Claim::userId);
    }

    private NewSession newSession(SessionToken token, Instant now) {
        return new NewSession(token.sessionId(), token.hash(), now, now.plus(settings.sessionTtl()),
                SessionPositions.carried(Map.of()));
    }

    /** Postgres keeps microseconds; truncating keeps what we return equal to what we stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
