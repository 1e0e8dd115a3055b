package dev.shardwise.bench.hash;

import dev.shardwise.routing.sql.SqlQualifier;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The router's qualified-SQL cache miss: {@code SqlQualifier.template} on the application's own
 * statements, on the shared {@code SqlLexer}, beside the same qualifier on the tokenizer it had
 * before ({@link LegacyQualifier}, the baseline). Each call templates the next of
 * {@link #STATEMENTS}; a cache hit, the usual case, does neither.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class QualifierBenchmark {

    /** The keyspaces' tables the statements use. */
    static final Set<String> TABLES = Set.of("pages", "blocks", "comments", "memberships", "workspaces", "outbox",
            "users", "sessions", "password_credentials", "email_claims");

    /** Twelve statements of the product code (as they were before HQL), as an application sends them (short and long). */
    static final List<String> STATEMENTS = List.of(
            "SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?",
            "SELECT version FROM blocks WHERE id = ? AND workspace_id = ?",
            "DELETE FROM blocks WHERE id = ? AND workspace_id = ?",
            "UPDATE pages SET updated_at = GREATEST(updated_at, ?) WHERE id = ? AND workspace_id = ?",
            "SELECT user_id, state, expires_at FROM email_claims WHERE email = ?",
            "INSERT INTO email_claims (email, user_id, state, claimed_at, expires_at) VALUES (?, ?, 'PENDING', ?, ?)"
                    + " ON CONFLICT (email) DO NOTHING",
            "INSERT INTO outbox (event_id, workspace_id, partition_key, event_type, payload, created_at)"
                    + " VALUES (?, ?, ?, ?, ?::jsonb, ?)",
            "SELECT u.user_id, u.email, u.name, u.created_at, c.password_hash FROM users u"
                    + " JOIN password_credentials c ON c.user_id = u.user_id WHERE u.user_id = ?",
            "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (workspace_id, user_id) DO NOTHING",
            "SELECT p.id, p.workspace_id, p.parent_page_id, p.title, p.created_at, p.updated_at"
                    + " FROM unnest(?::uuid[], ?::uuid[]) AS r(ws, pid) JOIN pages p ON p.id = r.pid"
                    + " AND p.workspace_id = r.ws JOIN memberships m ON m.workspace_id = p.workspace_id AND m.user_id = ?",
            "SELECT m.workspace_id, p.id, p.workspace_id, p.parent_page_id, p.title, p.created_at, p.updated_at"
                    + " FROM memberships m LEFT JOIN LATERAL (SELECT pg.id, pg.workspace_id, pg.parent_page_id, pg.title,"
                    + " pg.created_at, pg.updated_at FROM pages pg WHERE pg.workspace_id = m.workspace_id"
                    + " AND (pg.created_at, pg.id) < (?, ?) ORDER BY pg.created_at DESC, pg.id DESC LIMIT ?) p ON true"
                    + " WHERE m.user_id = ? AND m.workspace_id = ANY(?) ORDER BY m.workspace_id, p.created_at DESC, p.id DESC",
            "SELECT r.ws, r.pid, b.id, b.workspace_id, b.page_id, b.type, b.text, b.position, b.version"
                    + " FROM unnest(?::uuid[], ?::uuid[]) AS r(ws, pid) JOIN memberships m ON m.workspace_id = r.ws"
                    + " AND m.user_id = ? JOIN pages pg ON pg.id = r.pid AND pg.workspace_id = r.ws LEFT JOIN LATERAL"
                    + " (SELECT bl.id, bl.workspace_id, bl.page_id, bl.type, bl.text, bl.position, bl.version FROM blocks bl"
                    + " WHERE bl.workspace_id = r.ws AND bl.page_id = r.pid AND (bl.position, bl.id) > (?, ?)"
                    + " ORDER BY bl.position, bl.id LIMIT ?) b ON true ORDER BY r.ws, r.pid, b.position, b.id");

    private final LegacyQualifier legacy = new LegacyQualifier(TABLES);
    private final SqlQualifier lexer = new SqlQualifier(TABLES);
    private int next;

    private String nextStatement() {
        String sql = STATEMENTS.get(next);
        next = next + 1 == STATEMENTS.size() ? 0 : next + 1;
        return sql;
    }

    /** Baseline: the qualifier on its old hand-written tokenizer. */
    @Benchmark
    public List<String> legacyTokenizer() {
        return legacy.template(nextStatement());
    }

    @Benchmark
    public SqlQualifier.Template sqlLexer() {
        return lexer.template(nextStatement());
    }
}
