package dev.shardwise.domains.product.auth;

import dev.shardwise.aggregation.ShardReads;
import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.domains.product.api.Views.UserView;
import dev.shardwise.domains.product.model.SessionSql;
import dev.shardwise.domains.product.model.identity.PasswordCredential;
import dev.shardwise.domains.product.model.identity.UserAccount;
import dev.shardwise.domains.product.model.identity.UserSession;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.routing.replica.SessionPositions;
import dev.shardwise.shardmap.KeyspaceName;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code identity} domain's accounts and sessions ({@link UserAccount},
 * {@link PasswordCredential}, {@link UserSession}). Each method is one unit of work with a
 * Hibernate session on the shard of one user id, except the hot and batched reads, which are named
 * SQL: {@link #findSession} (every authenticated request) and {@link #findUsers} (one query per
 * shard involved).
 *
 * <p>Read-your-writes: account creation and log-in commit under the new session's token, so reads
 * of users with {@link ReadPolicy#session} may use a replica that has replayed them. User rows are
 * never updated and only deleted when a sign-up loses its email claim, so a user a replica does not
 * show yet (someone else's brand-new account) is looked up again on the primary: a miss stays exact.
 * Sessions themselves are always read on the primary, so a revocation takes effect at once.
 */
final class Identities {

    private static final String SELECT_LOGIN = """
            select u, c.passwordHash from UserAccount u join PasswordCredential c on c.userId = u.userId
            where u.userId = :userId""";
    private static final NamedSql UPDATE_CREDENTIAL = NamedSql.of(
            "UPDATE password_credentials SET password_hash = :hash, updated_at = :now WHERE user_id = :userId");
    private static final NamedSql REVOKE_SESSION = NamedSql.of("UPDATE sessions SET revoked_at = :now"
            + " WHERE user_id = :userId AND session_id = :sessionId AND revoked_at IS NULL");
    // Every other live session of the user; with the nil id as :keep, every live session.
    private static final NamedSql REVOKE_OTHERS = NamedSql.of("UPDATE sessions SET revoked_at = :now"
            + " WHERE user_id = :userId AND revoked_at IS NULL AND session_id <> :keep RETURNING session_id");
    private static final NamedSql UPDATE_NAME = NamedSql.of("UPDATE users SET name = :name, updated_at = :now"
            + " WHERE user_id = :userId RETURNING user_id, email, name, created_at");
    private static final NamedSql DELETE_USER = NamedSql.of(
            "DELETE FROM users WHERE user_id = :userId AND email = :email");
    private static final NamedSql SELECT_SESSION = NamedSql.of("SELECT token_hash, expires_at, revoked_at"
            + " FROM sessions WHERE user_id = :userId AND session_id = :sessionId");
    private static final NamedSql SELECT_USERS = NamedSql.of(
            "SELECT user_id, email, name, created_at FROM users WHERE user_id = ANY(:ids)");

    /** A user with the stored password hash, for log-in. */
    record Login(UserView user, String passwordHash) {
    }

    /** A session row as stored. */
    record StoredSession(byte[] tokenHash, Instant expiresAt, Optional<Instant> revokedAt) {
    }

    /** What a new session writes; {@code tokenHash} is SHA-256 of the token. */
    /** A session to open; its writes are recorded in {@code positions} (and the shared store). */
    record NewSession(UUID sessionId, byte[] tokenHash, Instant createdAt, Instant expiresAt,
                      SessionPositions.Carried positions) {
        /** The router's read-your-writes name of the new session (the one its caller's reads use). */
        dev.shardwise.routing.replica.SessionToken readSession() {
            return new dev.shardwise.routing.replica.SessionToken(sessionId.toString(), positions);
        }
    }

    private final ShardedSessions sessions;
    private final ShardReads reads;
    private final KeyspaceName keyspace;

    Identities(ShardedSessions sessions, ShardReads reads, KeyspaceName keyspace) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
    }

    /** Creates the user, its password credential and its first session in one transaction. */
    void createAccount(UserView user, String passwordHash, NewSession session) {
        sessions.run(Unit.write(keyspace, ShardKey.of(user.id())).forSession(session.readSession()), s -> {
            s.persist(new UserAccount(user.id(), user.email(), user.name(), user.createdAt(), user.createdAt()));
            s.persist(new PasswordCredential(user.id(), passwordHash, user.createdAt()));
            s.persist(newSession(user.id(), session));
            return null;
        });
    }

    /** Opens a session and, if given, replaces the password hash, in one transaction. */
    void openSession(UUID userId, NewSession session, Optional<String> newPasswordHash) {
        sessions.run(Unit.write(keyspace, ShardKey.of(userId)).forSession(session.readSession()), s -> {
            if (newPasswordHash.isPresent()) {
                SessionSql.update(s, UPDATE_CREDENTIAL, SqlParams.of("hash", newPasswordHash.get(),
                        "now", session.createdAt()).with("userId", userId));
            }
            s.persist(newSession(userId, session));
            return null;
        });
    }

    Optional<Login> findLogin(UUID userId) {
        return sessions.run(Unit.read(keyspace, ShardKey.of(userId)), s -> s.createSelectionQuery(SELECT_LOGIN,
                        Object[].class).setParameter("userId", userId).getResultStream().findFirst()
                .map(row -> new Login(view((UserAccount) row[0]), (String) row[1])));
    }

    /** Every request's authentication: named SQL on the primary, no session or entity to build. */
    Optional<StoredSession> findSession(UUID userId, UUID sessionId) {
        return reads.read(Unit.read(keyspace, ShardKey.of(userId)), q -> q.list(SELECT_SESSION,
                SqlParams.of("userId", userId, "sessionId", sessionId), r -> new StoredSession(r.bytes("token_hash"),
                        r.instant("expires_at"), r.optionalInstant("revoked_at")))).stream().findFirst();
    }

    /** Sets {@code revoked_at} unless already set; false if there was nothing left to revoke. */
    boolean revokeSession(UUID userId, UUID sessionId, Instant now) {
        return sessions.run(Unit.write(keyspace, ShardKey.of(userId)), s -> SessionSql.update(s, REVOKE_SESSION,
                SqlParams.of("now", now, "userId", userId).with("sessionId", sessionId)) == 1);
    }

    /**
     * Revokes every live session of the user but {@code keep} (all of them when empty) and, if
     * given, replaces the password hash, in one transaction; returns the revoked sessions' ids.
     */
    List<UUID> revokeSessions(UUID userId, Optional<UUID> keep, Optional<String> newPasswordHash, Instant now) {
        return sessions.run(Unit.write(keyspace, ShardKey.of(userId)), s -> {
            if (newPasswordHash.isPresent()) {
                SessionSql.update(s, UPDATE_CREDENTIAL, SqlParams.of("hash", newPasswordHash.get(), "now", now)
                        .with("userId", userId));
            }
            return SessionSql.list(s, REVOKE_OTHERS, SqlParams.of("now", now, "userId", userId)
                    .with("keep", keep.orElse(new UUID(0, 0))), r -> r.uuid("session_id"));
        });
    }

    /** Renames the user; the user as renamed, or empty if there is no such user. */
    Optional<UserView> rename(UUID userId, String name, Instant now) {
        return sessions.run(Unit.write(keyspace, ShardKey.of(userId)), s -> SessionSql.list(s, UPDATE_NAME,
                SqlParams.of("name", name, "now", now).with("userId", userId), r -> new UserView(r.uuid("user_id"),
                        r.text("email"), r.text("name"), r.instant("created_at"))).stream().findFirst());
    }

    /** The user, read under {@code policy}; a miss is confirmed on the primary. */
    Optional<UserView> findUser(ReadPolicy policy, UUID userId) {
        Optional<UserView> seen = selectUser(policy, userId);
        return seen.isPresent() || policy instanceof ReadPolicy.Primary ? seen : selectUser(ReadPolicy.PRIMARY, userId);
    }

    /**
     * The users among {@code userIds}, read under {@code policy} with one query per identity shard
     * the ids route to; ids a replica did not show are looked up once more on their primaries.
     */
    Map<UUID, UserView> findUsers(ReadPolicy policy, Collection<UUID> userIds) {
        Map<UUID, UserView> out = selectUsers(policy, userIds);
        if (!(policy instanceof ReadPolicy.Primary) && out.size() < new HashSet<>(userIds).size()) {
            out.putAll(selectUsers(ReadPolicy.PRIMARY, userIds.stream().filter(id -> !out.containsKey(id)).toList()));
        }
        return out;
    }

    private Optional<UserView> selectUser(ReadPolicy policy, UUID userId) {
        return sessions.run(Unit.read(keyspace, ShardKey.of(userId)).servedBy(policy),
                s -> Optional.ofNullable(s.find(UserAccount.class, userId)).map(Identities::view));
    }

    private Map<UUID, UserView> selectUsers(ReadPolicy policy, Collection<UUID> userIds) {
        return reads.perShard(keyspace, userIds, ShardKey::of, policy, (q, ids) -> {
            Map<UUID, UserView> found = new HashMap<>();
            q.each(SELECT_USERS, SqlParams.none().withUuids("ids", ids), r -> found.put(r.uuid("user_id"),
                    new UserView(r.uuid("user_id"), r.text("email"), r.text("name"), r.instant("created_at"))));
            return found;
        });
    }

    /** Removes a user created by a sign-up that lost its email claim (cascades to its rows). */
    void deleteAccount(UUID userId, String email) {
        sessions.run(Unit.write(keyspace, ShardKey.of(userId)), s -> SessionSql.update(s, DELETE_USER,
                SqlParams.of("userId", userId, "email", email)));
    }

    private static UserSession newSession(UUID userId, NewSession session) {
        return new UserSession(userId, session.sessionId(), session.tokenHash(), session.createdAt(),
                session.expiresAt());
    }

    private static UserView view(UserAccount account) {
        return new UserView(account.getUserId(), account.getEmail(), account.getName(), account.getCreatedAt());
    }
}
