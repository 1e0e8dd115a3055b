package dev.shardwise.domains.product.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.routing.Destination;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.routing.spi.StatementHook;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Test access to the auth tables behind {@link AuthService}'s back, through the router (one shard
 * per statement): to prepare the states a crashed sign-up leaves, and to check what was written.
 */
public final class AuthDatabase {

    /** An {@code email_claims} row. */
    public record ClaimRow(UUID userId, String state, Optional<Instant> expiresAt) {
    }

    private final Router router;

    public AuthDatabase(Router router) {
        this.router = router;
    }

    public Optional<ClaimRow> claim(String email) {
        return router.run(Unit.read(KeyspaceName.of("global"), ShardKey.unsharded()), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT user_id, state, expires_at FROM email_claims WHERE email = ?")) {
                ps.setString(1, email);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new ClaimRow(rs.getObject(1, UUID.class), rs.getString(2),
                            Optional.ofNullable(rs.getObject(3, OffsetDateTime.class)).map(OffsetDateTime::toInstant)))
                            : Optional.<ClaimRow>empty();
                }
            }
        });
    }

    /** A PENDING claim, as step 1 of a sign-up leaves it. */
    public void insertPendingClaim(String email, UUID userId, Instant claimedAt, Instant expiresAt) {
        update(KeyspaceName.of("global"), ShardKey.unsharded(), "INSERT INTO email_claims (email, user_id, state, claimed_at, expires_at)"
                + " VALUES (?, ?, 'PENDING', ?, ?)", email, userId, at(claimedAt), at(expiresAt));
    }

    /** The user and its credential, as step 2 of a sign-up writes them (without a session). */
    public void insertUser(UUID userId, String email, String name, String passwordHash, Instant createdAt) {
        update(KeyspaceName.of("identity"), ShardKey.of(userId),
                "WITH u AS (INSERT INTO users (user_id, email, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " RETURNING user_id)"
                        + " INSERT INTO password_credentials (user_id, password_hash, updated_at) SELECT user_id, ?, ? FROM u",
                userId, email, name, at(createdAt), at(createdAt), passwordHash, at(createdAt));
    }

    /** Hands the claim to another user, as a sign-up taking over an expired claim would. */
    public void reassignClaim(String email, UUID userId, Instant now, Instant expiresAt) {
        update(KeyspaceName.of("global"), ShardKey.unsharded(),
                "UPDATE email_claims SET user_id = ?, claimed_at = ?, expires_at = ? WHERE email = ?",
                userId, at(now), at(expiresAt), email);
    }

    public void expireSession(UUID userId, UUID sessionId, Instant expiresAt) {
        update(KeyspaceName.of("identity"), ShardKey.of(userId), "UPDATE sessions SET expires_at = ? WHERE user_id = ? AND session_id = ?",
                at(expiresAt), userId, sessionId);
    }

    /** User rows with this email over every identity shard. */
    public int usersWithEmail(String email) {
        int total = 0;
        for (Destination shard : router.scatter(KeyspaceName.of("identity")).all()) {
            total += router.run(Unit.read(shard.shard()).asFanOut(), s -> {
                try (PreparedStatement ps = s.connection().prepareStatement("SELECT count(*) FROM users WHERE email = ?")) {
                    ps.setString(1, email);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
        }
        return total;
    }

    public List<byte[]> tokenHashes(UUID userId) {
        return router.run(Unit.read(KeyspaceName.of("identity"), ShardKey.of(userId)), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("SELECT token_hash FROM sessions WHERE user_id = ?")) {
                ps.setObject(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    var out = new java.util.ArrayList<byte[]>();
                    while (rs.next()) {
                        out.add(rs.getBytes(1));
                    }
                    return out;
                }
            }
        });
    }

    public String passwordHash(UUID userId) {
        return router.run(Unit.read(KeyspaceName.of("identity"), ShardKey.of(userId)), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT password_hash FROM password_credentials WHERE user_id = ?")) {
                ps.setObject(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    public ShardId shardOf(UUID userId) {
        return router.route(KeyspaceName.of("identity"), List.of(ShardKey.of(userId))).destinations().getFirst().shard();
    }

    private void update(KeyspaceName keyspace, ShardKey key, String statement, Object... args) {
        int updated = router.run(Unit.write(keyspace, key), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(statement)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
        assertThat(updated).as(statement).isEqualTo(1);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Records the shard of every statement issued on the recording thread while recording, and
     * can run an action once just before a given statement (to interleave another writer).
     */
    public static final class StatementRecorder implements StatementHook {

        private volatile Thread recording;
        private final ConcurrentLinkedQueue<ShardId> shards = new ConcurrentLinkedQueue<>();
        private final AtomicReference<Trigger> trigger = new AtomicReference<>();

        private record Trigger(Thread thread, Pattern statement, Runnable action) {
        }

        /**
         * Runs {@code action} once, on this thread, before the next statement in which {@code statement}
         * is found (Hibernate writes the SQL, so tests match its shape, not its exact text).
         */
        public void onceBefore(Pattern statement, Runnable action) {
            trigger.set(new Trigger(Thread.currentThread(), statement, action));
        }

        /** Runs {@code work} and returns the shard of each statement it issued, in order. */
        public List<ShardId> record(Runnable work) {
            shards.clear();
            recording = Thread.currentThread();
            try {
                work.run();
            } finally {
                recording = null;
            }
            return List.copyOf(shards);
        }

        @Override
        public void beforeStatement(StatementContext context, String sql) {
            Trigger armed = trigger.get();
            if (armed != null && armed.thread() == Thread.currentThread() && armed.statement().matcher(sql).find()
                    && trigger.compareAndSet(armed, null)) {
                armed.action().run();
            }
            if (Thread.currentThread() == recording) {
                shards.add(context.destination().shard());
            }
        }
    }
}
