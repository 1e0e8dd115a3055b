package dev.shardwise.domains.product.auth;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.domains.product.model.SessionSql;
import dev.shardwise.domains.product.model.global.ClaimState;
import dev.shardwise.domains.product.model.global.EmailClaim;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.shardmap.KeyspaceName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The {@code global} email claims ({@link EmailClaim}). Every method is one unit of work on the
 * unsharded {@code global} keyspace; state changes are compare-and-set HQL updates whose row
 * count says who won, so two concurrent sign-ups for one email cannot both get it.
 */
final class EmailClaims {

    private static final NamedSql INSERT_PENDING = NamedSql.of("INSERT INTO email_claims (email, user_id, state,"
            + " claimed_at, expires_at) VALUES (:email, :userId, :pending, :now, :expiresAt)"
            + " ON CONFLICT (email) DO NOTHING");
    // Idempotent: confirming a claim that is already CONFIRMED for the same user succeeds, so a
    // sign-up's last step and a concurrent log-in that completes the same claim cannot both
    // "lose". A claim taken over by another user matches no row.
    private static final NamedSql CONFIRM = NamedSql.of("UPDATE email_claims SET state = :confirmed,"
            + " expires_at = NULL WHERE email = :email AND user_id = :userId");
    private static final NamedSql TAKE_OVER = NamedSql.of("UPDATE email_claims SET user_id = :userId,"
            + " claimed_at = :now, expires_at = :expiresAt WHERE email = :email AND user_id = :previousUserId"
            + " AND state = :pending AND expires_at <= :now");
    private static final NamedSql RELEASE = NamedSql.of("DELETE FROM email_claims WHERE email = :email"
            + " AND user_id = :userId AND state = :pending");

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

    private final ShardedSessions sessions;
    private final KeyspaceName keyspace;

    EmailClaims(ShardedSessions sessions, KeyspaceName keyspace) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
    }

    /**
     * Inserts a PENDING claim for {@code userId}, in one transaction. Returns empty if it was
     * inserted, else the claim that holds the email (the insert waits for a concurrent inserter of
     * the same email to finish, so that claim is committed).
     */
    Optional<Claim> tryClaim(String email, UUID userId, Instant now, Instant expiresAt) {
        return sessions.run(Unit.write(keyspace, ShardKey.unsharded()), s -> {
            int inserted = SessionSql.update(s, INSERT_PENDING, SqlParams.of("email", email, "userId", userId)
                    .with("pending", ClaimState.PENDING).with("now", now).with("expiresAt", expiresAt));
            return inserted == 1 ? Optional.empty() : select(s, email);
        });
    }

    Optional<Claim> find(String email) {
        return sessions.run(Unit.read(keyspace, ShardKey.unsharded()), s -> select(s, email));
    }

    /** Marks the claim CONFIRMED if {@code userId} holds it; false if someone else does (or nobody). */
    boolean confirm(String email, UUID userId) {
        return sessions.run(Unit.write(keyspace, ShardKey.unsharded()), s -> SessionSql.update(s, CONFIRM,
                SqlParams.of("confirmed", ClaimState.CONFIRMED, "email", email).with("userId", userId)) == 1);
    }

    /**
     * Moves an expired PENDING claim from {@code previousUserId} to {@code userId}, only if it is
     * still exactly that: false if another sign-up took it first or it was confirmed meanwhile.
     */
    boolean takeOver(String email, UUID previousUserId, UUID userId, Instant now, Instant expiresAt) {
        return sessions.run(Unit.write(keyspace, ShardKey.unsharded()), s -> SessionSql.update(s, TAKE_OVER,
                SqlParams.of("userId", userId, "now", now).with("expiresAt", expiresAt).with("email", email)
                        .with("previousUserId", previousUserId).with("pending", ClaimState.PENDING)) == 1);
    }

    /**
     * Drops {@code userId}'s PENDING claim on {@code email}, for a sign-up that failed after
     * claiming: the address is free again at once instead of after the claim's time-out. A
     * confirmed claim, or one another sign-up took over, is left alone.
     */
    void release(String email, UUID userId) {
        sessions.run(Unit.write(keyspace, ShardKey.unsharded()), s -> SessionSql.update(s, RELEASE,
                SqlParams.of("email", email, "userId", userId).with("pending", ClaimState.PENDING)));
    }

    private static Optional<Claim> select(Session s, String email) {
        return Optional.ofNullable(s.find(EmailClaim.class, email)).map(c -> new Claim(c.getEmail(), c.getUserId(),
                c.getState(), Optional.ofNullable(c.getExpiresAt())));
    }
}
