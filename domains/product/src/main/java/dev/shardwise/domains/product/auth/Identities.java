package dev.shardwise.domains.product.auth;

import dev.shardwise.domains.product.api.Views.UserView;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.replica.ReadPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code identity} statements. Each method is one unit of work on the shard of one user id,
 * except {@link #findUsers}, which runs one query per shard involved.
 *
 * <p>Read-your-writes: account creation and log-in commit under the new session's token, so reads
 * of users with {@link ReadPolicy#session} may use a replica that has replayed them. User rows are
 * never updated and only deleted when a sign-up loses its email claim, so a user a replica does not
 * show yet (someone else's brand-new account) is looked up again on the primary: a miss stays exact.
 * Sessions themselves are always read on the primary, so a revocation takes effect at once.
 */
final class Identities {

    static final String KEYSPACE = "identity";

    private static final String USER_COLUMNS = "user_id, email, name, created_at";
    private static final String INSERT_USER =
            "INSERT INTO users (user_id, email, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_CREDENTIAL =
            "INSERT INTO password_credentials (user_id, password_hash, updated_at) VALUES (?, ?, ?)";
    private static final String INSERT_SESSION = """
            INSERT INTO sessions (user_id, session_id, token_hash, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?)""";
    private static final String UPDATE_CREDENTIAL =
            "UPDATE password_credentials SET password_hash = ?, updated_at = ? WHERE user_id = ?";
    private static final String SELECT_LOGIN = """
            SELECT u.user_id, u.email, u.name, u.created_at, c.password_hash
            FROM users u JOIN password_credentials c ON c.user_id = u.user_id
            WHERE u.user_id = ?""";
    private static final String SELECT_SESSION =
            "SELECT token_hash, expires_at, revoked_at FROM sessions WHERE user_id = ? AND session_id = ?";
    private static final String REVOKE_SESSION =
            "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND session_id = ? AND revoked_at IS NULL";
    private static final String SELECT_USER = "SELECT " + USER_COLUMNS + " FROM users WHERE user_id = ?";
    private static final String SELECT_USERS = "SELECT " + USER_COLUMNS + " FROM users WHERE user_id = ANY(?)";
    private static final String DELETE_USER = "DELETE FROM users WHERE user_id = ? AND email = ?";

    /** A user with the stored password hash, for log-in. */
    record Login(UserView user, String passwordHash) {
    }

    /** A session row as stored. */
    record StoredSession(byte[] tokenHash, Instant expiresAt, Optional<Instant> revokedAt) {
    }

    /** What a new session writes; {@code tokenHash} is SHA-256 of the token. */
    record NewSession(UUID sessionId, byte[] tokenHash, Instant createdAt, Instant expiresAt) {
    }

    private final Router router;

    Identities(Router router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    /** Creates the user, its password credential and its first session in one transaction. */
    void createAccount(UserView user, String passwordHash, NewSession session) {
        router.write(KEYSPACE, ShardKey.of(user.id()), token(session), s -> {
            Connection c = s.connection();
            try (PreparedStatement insert = c.prepareStatement(INSERT_USER)) {
                insert.setObject(1, user.id());
                insert.setString(2, user.email());
                insert.setString(3, user.name());
                Sql.setInstant(insert, 4, user.createdAt());
                Sql.setInstant(insert, 5, user.createdAt());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(INSERT_CREDENTIAL)) {
                insert.setObject(1, user.id());
                insert.setString(2, passwordHash);
                Sql.setInstant(insert, 3, user.createdAt());
                insert.executeUpdate();
            }
            insertSession(c, user.id(), session);
            return null;
        });
    }

    /** Opens a session and, if given, replaces the password hash, in one transaction. */
    void openSession(UUID userId, NewSession session, Optional<String> newPasswordHash) {
        router.write(KEYSPACE, ShardKey.of(userId), token(session), s -> {
            Connection c = s.connection();
            if (newPasswordHash.isPresent()) {
                try (PreparedStatement update = c.prepareStatement(UPDATE_CREDENTIAL)) {
                    update.setString(1, newPasswordHash.get());
                    Sql.setInstant(update, 2, session.createdAt());
                    update.setObject(3, userId);
                    update.executeUpdate();
                }
            }
            insertSession(c, userId, session);
            return null;
        });
    }

    Optional<Login> findLogin(UUID userId) {
        return router.read(KEYSPACE, ShardKey.of(userId), s -> {
            try (PreparedStatement select = s.connection().prepareStatement(SELECT_LOGIN)) {
                select.setObject(1, userId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new Login(user(rs), rs.getString("password_hash")))
                            : Optional.<Login>empty();
                }
            }
        });
    }

    Optional<StoredSession> findSession(UUID userId, UUID sessionId) {
        return router.read(KEYSPACE, ShardKey.of(userId), s -> {
            try (PreparedStatement select = s.connection().prepareStatement(SELECT_SESSION)) {
                select.setObject(1, userId);
                select.setObject(2, sessionId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredSession(rs.getBytes("token_hash"),
                            Sql.instant(rs, "expires_at"), Sql.optionalInstant(rs, "revoked_at")))
                            : Optional.<StoredSession>empty();
                }
            }
        });
    }

    /** Sets {@code revoked_at} unless already set; false if there was nothing left to revoke. */
    boolean revokeSession(UUID userId, UUID sessionId, Instant now) {
        return router.write(KEYSPACE, ShardKey.of(userId), s -> {
            try (PreparedStatement update = s.connection().prepareStatement(REVOKE_SESSION)) {
                Sql.setInstant(update, 1, now);
                update.setObject(2, userId);
                update.setObject(3, sessionId);
                return update.executeUpdate() == 1;
            }
        });
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
        return router.read(KEYSPACE, ShardKey.of(userId), policy, s -> {
            try (PreparedStatement select = s.connection().prepareStatement(SELECT_USER)) {
                select.setObject(1, userId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(user(rs)) : Optional.<UserView>empty();
                }
            }
        });
    }

    private Map<UUID, UserView> selectUsers(ReadPolicy policy, Collection<UUID> userIds) {
        Map<ShardKey, UUID> idsByKey = new LinkedHashMap<>();
        userIds.forEach(id -> idsByKey.put(ShardKey.of(id), id));
        Map<UUID, UserView> out = new HashMap<>();
        if (idsByKey.isEmpty()) {
            return out;
        }
        Map<Destination, List<ShardKey>> plan = router.route(KEYSPACE, idsByKey.keySet()).keysByDestination();
        plan.forEach((destination, shardKeys) -> out.putAll(router.readShard(destination.shard(), policy, s -> {
            Object[] ids = shardKeys.stream().map(idsByKey::get).toArray();
            try (PreparedStatement select = s.connection().prepareStatement(SELECT_USERS)) {
                select.setArray(1, s.connection().createArrayOf("uuid", ids));
                Map<UUID, UserView> found = new HashMap<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        UserView user = user(rs);
                        found.put(user.id(), user);
                    }
                }
                return found;
            }
        })));
        return out;
    }

    /**
     * The router's read-your-writes token for a session (the same string the caller's reads use);
     * not this package's bearer {@link SessionToken}.
     */
    static dev.shardwise.routing.replica.SessionToken token(UUID sessionId) {
        return new dev.shardwise.routing.replica.SessionToken(sessionId.toString());
    }

    private static dev.shardwise.routing.replica.SessionToken token(NewSession session) {
        return token(session.sessionId());
    }

    /** Removes a user created by a sign-up that lost its email claim (cascades to its rows). */
    void deleteAccount(UUID userId, String email) {
        router.write(KEYSPACE, ShardKey.of(userId), s -> {
            try (PreparedStatement delete = s.connection().prepareStatement(DELETE_USER)) {
                delete.setObject(1, userId);
                delete.setString(2, email);
                return delete.executeUpdate();
            }
        });
    }

    private static void insertSession(Connection c, UUID userId, NewSession session) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_SESSION)) {
            insert.setObject(1, userId);
            insert.setObject(2, session.sessionId());
            insert.setBytes(3, session.tokenHash());
            Sql.setInstant(insert, 4, session.createdAt());
            Sql.setInstant(insert, 5, session.expiresAt());
            insert.executeUpdate();
        }
    }

    private static UserView user(ResultSet rs) throws SQLException {
        return new UserView(rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("name"),
                Sql.instant(rs, "created_at"));
    }
}
