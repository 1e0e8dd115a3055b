package dev.shardwise.domains.product.auth;

import dev.shardwise.domains.product.model.global.ClaimState;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code global.email_claims} statements. Every method is one unit of work on the unsharded
 * {@code global} keyspace; state changes are compare-and-set updates whose row count says who won.
 */
final class EmailClaims {

    static final String KEYSPACE = "global";

    private static final String INSERT = """
            INSERT INTO email_claims (email, user_id, state, claimed_at, expires_at)
            VALUES (?, ?, 'PENDING', ?, ?)
            ON CONFLICT (email) DO NOTHING""";
    private static final String SELECT = "SELECT user_id, state, expires_at FROM email_claims WHERE email = ?";
    // Idempotent: confirming a claim that is already CONFIRMED for the same user succeeds, so a
    // sign-up's last step and a concurrent log-in that completes the same claim cannot both
    // "lose". A claim taken over by another user matches no row.
    private static final String CONFIRM = """
            UPDATE email_claims SET state = 'CONFIRMED', expires_at = NULL
            WHERE email = ? AND user_id = ?""";
    private static final String TAKE_OVER = """
            UPDATE email_claims SET user_id = ?, claimed_at = ?, expires_at = ?
            WHERE email = ? AND user_id = ? AND state = 'PENDING' AND expires_at <= ?""";

    /** A claim as stored. {@code expiresAt} is empty once confirmed. */
    record Claim(String email, UUID userId, ClaimState state, Optional<Instant> expiresAt) {

        boolean pending() {
            return state == ClaimState.PENDING;
        }

        /** A PENDING claim whose holder had its chance: another sign-up may take it over. */
        boolean expiredAt(Instant now) {
            return pending() && expiresAt.map(e -> !now.isBefore(e)).orElse(false);
        }
    }

    private final Router router;

    EmailClaims(Router router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    /**
     * Inserts a PENDING claim for {@code userId}, in one transaction. Returns empty if it was
     * inserted, else the claim that holds the email (the insert waits for a concurrent inserter of
     * the same email to finish, so that claim is committed).
     */
    Optional<Claim> tryClaim(String email, UUID userId, Instant now, Instant expiresAt) {
        return router.write(KEYSPACE, ShardKey.unsharded(), s -> {
            Connection c = s.connection();
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setString(1, email);
                insert.setObject(2, userId);
                Sql.setInstant(insert, 3, now);
                Sql.setInstant(insert, 4, expiresAt);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            return select(c, email);
        });
    }

    Optional<Claim> find(String email) {
        return router.read(KEYSPACE, ShardKey.unsharded(), s -> select(s.connection(), email));
    }

    /** Marks the claim CONFIRMED if {@code userId} holds it; false if someone else does (or nobody). */
    boolean confirm(String email, UUID userId) {
        return router.write(KEYSPACE, ShardKey.unsharded(), s -> {
            try (PreparedStatement update = s.connection().prepareStatement(CONFIRM)) {
                update.setString(1, email);
                update.setObject(2, userId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Moves an expired PENDING claim from {@code previousUserId} to {@code userId}, only if it is
     * still exactly that: false if another sign-up took it first or it was confirmed meanwhile.
     */
    boolean takeOver(String email, UUID previousUserId, UUID userId, Instant now, Instant expiresAt) {
        return router.write(KEYSPACE, ShardKey.unsharded(), s -> {
            try (PreparedStatement update = s.connection().prepareStatement(TAKE_OVER)) {
                update.setObject(1, userId);
                Sql.setInstant(update, 2, now);
                Sql.setInstant(update, 3, expiresAt);
                update.setString(4, email);
                update.setObject(5, previousUserId);
                Sql.setInstant(update, 6, now);
                return update.executeUpdate() == 1;
            }
        });
    }

    private static Optional<Claim> select(Connection c, String email) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT)) {
            select.setString(1, email);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Claim(email, rs.getObject("user_id", UUID.class),
                        ClaimState.valueOf(rs.getString("state")), Sql.optionalInstant(rs, "expires_at")));
            }
        }
    }
}
