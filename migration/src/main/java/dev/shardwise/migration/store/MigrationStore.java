package dev.shardwise.migration.store;

import dev.shardwise.migration.ActionOutcome;
import dev.shardwise.migration.Lease;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.SwitchStep;
import dev.shardwise.migration.VerifyState;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Durable migration state in the control plane (schema {@code migration}). Every method is one
 * short transaction; counters are incremented in place so that concurrent writers (the worker,
 * dark-read samplers in app processes) never lose each other's updates.
 *
 * <p>A worker uses the view {@link #heldBy} of its lease: every change it makes to its migration
 * (the row, its progress, mismatches and events) then commits only while the row still carries the
 * lease's token, and is refused with {@link Refusal#LEASE_LOST} otherwise.
 */
public final class MigrationStore {

    public static final String SCHEMA = "migration";
    private static final String COLUMNS = "id, keyspace, number, source_cluster, target_cluster, phase, switch_step,"
            + " paused, requested, request_outcome, request_refusal, request_message, rows_total, changes_applied,"
            + " cutovers, rollbacks, last_pause_ms,"
            + " verify_state, verify_mismatches, verified_at, dark_reads, dark_mismatches, last_error, created_at,"
            + " updated_at, heartbeat_at";

    private final DataSource control;
    private final Clock clock;
    private final Optional<Lease> lease;

    public MigrationStore(DataSource control, Clock clock) {
        this(control, clock, Optional.empty());
    }

    private MigrationStore(DataSource control, Clock clock, Optional<Lease> lease) {
        this.control = Objects.requireNonNull(control, "control");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = lease;
    }

    /** This store as the holder of {@code lease} uses it: its changes to that migration are fenced by the token. */
    public MigrationStore heldBy(Lease lease) {
        return new MigrationStore(control, clock, Optional.of(lease));
    }

    /** Creates or upgrades the migration tables. Idempotent. */
    public void migrate() {
        Flyway.configure().dataSource(control).schemas(SCHEMA).defaultSchema(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration-control").load().migrate();
    }

    /** Records a new migration in {@code BACKFILL}; refuses if the shard already has a live one. */
    public MigrationRecord create(ShardId shard, ClusterId source, ClusterId target) {
        Timestamp now = now();
        try (Connection c = control.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO migration.migrations (keyspace, number, source_cluster, target_cluster, phase,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, 'BACKFILL', ?, ?) RETURNING id")) {
            ps.setString(1, shard.keyspace().value());
            ps.setInt(2, shard.number());
            ps.setString(3, source.value());
            ps.setString(4, target.value());
            ps.setTimestamp(5, now);
            ps.setTimestamp(6, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return get(rs.getLong(1));
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw MigrationException.refused(Refusal.ALREADY_MOVING,
                        "shard " + shard + " already has a live migration ("
                        + liveFor(shard).map(MigrationRecord::describe).orElse("?") + "); finish, roll back or"
                        + " abort it first");
            }
            throw failure("record a migration of shard " + shard, e);
        }
    }

    public MigrationRecord get(long id) {
        return find(id).orElseThrow(() -> MigrationException.refused(Refusal.UNKNOWN_MIGRATION,
                "there is no migration " + id
                + "; list them with: shardwise migration status"));
    }

    public Optional<MigrationRecord> find(long id) {
        List<MigrationRecord> found = query("WHERE id = ?", id);
        return found.stream().findFirst();
    }

    public Optional<MigrationRecord> liveFor(ShardId shard) {
        return query("WHERE keyspace = ? AND number = ? AND phase NOT IN ('FINALIZED', 'ABORTED')",
                shard.keyspace().value(), shard.number()).stream().findFirst();
    }

    /** Live migrations, oldest first. */
    public List<MigrationRecord> live() {
        return query("WHERE phase NOT IN ('FINALIZED', 'ABORTED') ORDER BY id");
    }

    public List<MigrationRecord> all() {
        return query("ORDER BY id");
    }

    public void setPhase(long id, Phase phase, Optional<SwitchStep> switchStep) {
        update("phase = ?, switch_step = ?", id, phase.name(), switchStep.map(SwitchStep::name).orElse(null));
    }

    public void setSwitchStep(long id, SwitchStep step) {
        update("switch_step = ?", id, step.name());
    }

    public void setPaused(long id, boolean paused) {
        update("paused = ?", id, paused);
    }

    public void setRowsTotal(long id, long rows) {
        update("rows_total = ?", id, rows);
    }

    public void setError(long id, Optional<String> error) {
        update("last_error = ?", id, error.orElse(null));
    }

    public void addApplied(long id, long entries) {
        update("changes_applied = changes_applied + ?, heartbeat_at = now()", id, entries);
    }

    public void heartbeat(long id) {
        update("heartbeat_at = now()", id);
    }

    /** Counts a completed switch: a cutover ({@code rollback == false}) or a rollback, and its pause. */
    public void switched(long id, Phase phase, boolean rollback, long pauseMs) {
        update("phase = ?, switch_step = NULL, last_pause_ms = ?, cutovers = cutovers + ?, rollbacks = rollbacks + ?",
                id, phase.name(), pauseMs, rollback ? 0 : 1, rollback ? 1 : 0);
    }

    /**
     * Posts an operator request (the engine's action, by name) for the attached worker and clears
     * the previous answer; refuses if another request is pending.
     */
    public void request(long id, String action) {
        int changed = updateCount("requested = ?, request_outcome = NULL, request_refusal = NULL,"
                + " request_message = NULL WHERE id = ? AND requested IS NULL", action, id);
        if (changed == 0) {
            throw MigrationException.refused(Refusal.REQUEST_PENDING, get(id).describe()
                    + " already has a pending request (" + get(id).requested().orElse("?")
                    + "); wait for it (status) and try again");
        }
    }

    /** The worker's answer to the pending request; the request is no longer pending. */
    public void completeRequest(long id, ActionOutcome outcome) {
        OutcomeColumns columns = OutcomeColumns.of(outcome);
        update("requested = NULL, request_outcome = ?, request_refusal = ?, request_message = ?", id,
                columns.outcome(), columns.refusal().orElse(null), columns.message());
    }

    public void verifyStarted(long id) {
        update("verify_state = ?", id, VerifyState.RUNNING.name());
    }

    public void verifyFinished(long id, int mismatches) {
        update("verify_state = ?, verify_mismatches = ?, verified_at = now()", id,
                (mismatches == 0 ? VerifyState.CLEAN : VerifyState.MISMATCHES).name(), mismatches);
    }

    /** Marks the last verify as no longer describing the copies (e.g. after a switch). */
    public void verifyStale(long id) {
        update("verify_state = CASE WHEN verify_state = ? THEN verify_state ELSE ? END", id, VerifyState.NEVER.name(),
                VerifyState.STALE.name());
    }

    public void darkReads(long id, long reads, long mismatches) {
        update("dark_reads = dark_reads + ?, dark_mismatches = dark_mismatches + ?", id, reads, mismatches);
    }

    public Optional<Progress> progress(long id, ProgressKind kind, String table) {
        return progress(id, kind).stream().filter(p -> p.table().equals(table)).findFirst();
    }

    public List<Progress> progress(long id, ProgressKind kind) {
        return select("read progress of migration " + id, "SELECT table_name, rows_total, rows_done, bytes_done,"
                + " last_key::text, done FROM migration.migration_progress WHERE migration_id = ? AND kind = ?"
                + " ORDER BY table_name", rs -> new Progress(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                Optional.ofNullable(rs.getString(5)), rs.getBoolean(6)), id, kind.name());
    }

    public void saveProgress(long id, ProgressKind kind, Progress p) {
        execute(id, "INSERT INTO migration.migration_progress AS m (migration_id, kind, table_name, rows_total, rows_done,"
                + " bytes_done, last_key, done) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (migration_id, kind,"
                + " table_name) DO UPDATE SET rows_total = EXCLUDED.rows_total, rows_done = EXCLUDED.rows_done,"
                + " bytes_done = EXCLUDED.bytes_done, last_key = EXCLUDED.last_key, done = EXCLUDED.done",
                id, kind.name(), p.table(), p.rowsTotal(), p.rowsDone(), p.bytesDone(), p.lastKey().orElse(null), p.done());
    }

    public void clearProgress(long id, ProgressKind kind) {
        execute(id, "DELETE FROM migration.migration_progress WHERE migration_id = ? AND kind = ?", id, kind.name());
    }

    public void recordMismatch(long id, Mismatch m) {
        execute(id, "INSERT INTO migration.migration_mismatches (migration_id, found_by, table_name, row_key, detail,"
                + " found_at) VALUES (?, ?, ?, ?, ?, ?)", id, m.foundBy().name(), m.table(), m.key(), m.detail(),
                Timestamp.from(m.foundAt()));
    }

    public void clearMismatches(long id, MismatchSource foundBy) {
        execute(id, "DELETE FROM migration.migration_mismatches WHERE migration_id = ? AND found_by = ?", id,
                foundBy.name());
    }

    public List<Mismatch> mismatches(long id, int limit) {
        return select("read mismatches of migration " + id, "SELECT found_by, table_name, row_key, detail, found_at"
                + " FROM migration.migration_mismatches WHERE migration_id = ? ORDER BY id LIMIT ?",
                rs -> new Mismatch(StoredEnum.parse(MismatchSource.class, id, "found_by", rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), id, limit);
    }

    /** Distinct keys found by {@code foundBy}: a resumed verify may report a key twice. */
    public int countMismatchedKeys(long id, MismatchSource foundBy) {
        return select("count mismatches of migration " + id, "SELECT count(DISTINCT (table_name, row_key))"
                + " FROM migration.migration_mismatches WHERE migration_id = ? AND found_by = ?",
                rs -> rs.getInt(1), id, foundBy.name()).getFirst();
    }

    public void event(long id, String message) {
        execute(id, "INSERT INTO migration.migration_events (migration_id, at, message) VALUES (?, ?, ?)", id, now(),
                message);
    }

    public List<String> events(long id, int limit) {
        return select("read events of migration " + id, "SELECT at, message FROM (SELECT id, at, message FROM"
                + " migration.migration_events WHERE migration_id = ? ORDER BY id DESC LIMIT ?) e ORDER BY id",
                rs -> rs.getTimestamp(1).toInstant() + "  " + rs.getString(2), id, limit);
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> select(String what, String sql, RowReader<T> reader, Object... params) {
        List<T> out = new ArrayList<>();
        try (Connection c = control.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** The control-plane data source, for the worker's lease connection. */
    public DataSource dataSource() {
        return control;
    }

    private void update(String assignments, long id, Object... params) {
        Optional<Lease> held = lease.filter(l -> l.migrationId() == id);
        Object[] all = java.util.Arrays.copyOf(params, params.length + (held.isPresent() ? 2 : 1));
        all[params.length] = id;
        held.ifPresent(l -> all[params.length + 1] = l.token());
        int changed = updateCount(assignments + " WHERE id = ?" + (held.isPresent() ? " AND lease_token = ?" : ""),
                all);
        if (changed == 0 && held.isPresent()) {
            throw held.get().lost("the migration's row carries another worker's token");
        }
    }

    private int updateCount(String assignmentsAndWhere, Object... params) {
        try (Connection c = control.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE migration.migrations SET updated_at = now(), " + assignmentsAndWhere)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("update migration state", e);
        }
    }

    /** A change to migration {@code id}'s other rows; under a lease, only while the lease holds. */
    private void execute(long id, String sql, Object... params) {
        Optional<Lease> held = lease.filter(l -> l.migrationId() == id);
        try (Connection c = control.getConnection()) {
            c.setAutoCommit(held.isEmpty());
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (held.isPresent()) {
                    held.get().checkControl(c);
                }
                bind(ps, params);
                ps.executeUpdate();
                if (held.isPresent()) {
                    c.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (held.isPresent()) {
                    c.rollback();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure("update migration state", e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private List<MigrationRecord> query(String tail, Object... params) {
        return select("read migration state", "SELECT " + COLUMNS + " FROM migration.migrations " + tail,
                MigrationStore::read, params);
    }

    private static MigrationRecord read(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        long pause = rs.getLong("last_pause_ms");
        OptionalLong lastPause = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(pause);
        return new MigrationRecord(id, new ShardId(KeyspaceName.of(rs.getString("keyspace")), rs.getInt("number")),
                ClusterId.of(rs.getString("source_cluster")), ClusterId.of(rs.getString("target_cluster")),
                StoredEnum.parse(Phase.class, id, "phase", rs.getString("phase")),
                Optional.ofNullable(rs.getString("switch_step"))
                        .map(s -> StoredEnum.parse(SwitchStep.class, id, "switch_step", s)),
                rs.getBoolean("paused"), Optional.ofNullable(rs.getString("requested")),
                answer(rs, id), rs.getLong("rows_total"),
                rs.getLong("changes_applied"), rs.getInt("cutovers"), rs.getInt("rollbacks"), lastPause,
                StoredEnum.parse(VerifyState.class, id, "verify_state", rs.getString("verify_state")),
                rs.getInt("verify_mismatches"),
                Optional.ofNullable(rs.getTimestamp("verified_at")).map(Timestamp::toInstant),
                rs.getLong("dark_reads"), rs.getLong("dark_mismatches"), Optional.ofNullable(rs.getString("last_error")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("heartbeat_at")).map(Timestamp::toInstant));
    }

    private static Optional<ActionOutcome> answer(ResultSet rs, long id) throws SQLException {
        String outcome = rs.getString("request_outcome");
        if (outcome == null) {
            return Optional.empty();
        }
        return Optional.of(new OutcomeColumns(outcome, Optional.ofNullable(rs.getString("request_refusal")),
                rs.getString("request_message")).decode(id));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static MigrationException failure(String what, SQLException e) {
        return MigrationException.failed("cannot " + what + " in the control plane: " + e.getMessage()
                + "; check that the control cluster is up (infra/fleet status)", e);
    }
}
