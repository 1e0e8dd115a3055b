package dev.shardwise.migration.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upgrading a control plane whose migration table holds rows of the old request protocol (one
 * prefixed {@code request_result} text): pending requests, whose posters cannot read a typed
 * answer, are cancelled with an event; old answers are dropped; the typed columns start empty.
 * Runs the real Flyway scripts in a scratch schema of the control database.
 */
@ExtendWith(FleetExtension.class)
class ControlPlaneUpgradeIT {

    private static final String SCRATCH = "migration_upgrade_it";

    private DataSource control;
    private int shards;

    @BeforeEach
    void freshScratchSchema(Fleet fleet) throws SQLException {
        control = fleet.control();
        dropScratch();
    }

    @AfterEach
    void dropScratch() throws SQLException {
        try (Connection c = control.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
        }
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(control).schemas(SCRATCH).defaultSchema(SCRATCH).createSchemas(true)
                .locations("classpath:db/migration-control").target(target).load();
    }

    @Test
    void oldRequestsAreCancelledAndOldAnswersDropped() throws SQLException {
        flyway("1").migrate();
        long pending = insert("CUTOVER", null);
        long refused = insert(null, "REFUSED: cutover needs a clean verify since the last switch, but verify is NEVER");
        long done = insert(null, "OK: verify clean: 4 tables, 120 rows in 9 ms");
        long idle = insert(null, null);

        flyway("latest").migrate();

        assertThat(columns()).contains("request_outcome", "request_refusal", "request_message")
                .doesNotContain("request_result");
        for (long id : List.of(pending, refused, done, idle)) {
            assertThat(row(id)).as("migration %d: requested, outcome, refusal, message", id)
                    .containsExactly(null, null, null, null);
        }
        assertThat(events(pending)).singleElement().asString().contains("request CUTOVER cancelled")
                .contains("run it again");
        assertThat(events(refused)).isEmpty();
        assertThat(events(done)).isEmpty();
        assertThat(events(idle)).isEmpty();
    }

    private long insert(String requested, String result) throws SQLException {
        try (Connection c = control.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + SCRATCH
                + ".migrations (keyspace, number, source_cluster, target_cluster, phase, requested, request_result,"
                + " created_at, updated_at) VALUES ('content', ?, 'c1', 'c2', 'CATCHUP', ?, ?,"
                + " now(), now()) RETURNING id")) {
            ps.setInt(1, shards++);
            ps.setString(2, requested);
            ps.setString(3, result);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> columns() throws SQLException {
        return strings("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + SCRATCH
                + "' AND table_name = 'migrations'");
    }

    private List<String> row(long id) throws SQLException {
        try (Connection c = control.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT requested,"
                + " request_outcome, request_refusal, request_message FROM " + SCRATCH + ".migrations WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    out.add(rs.getString(i));
                }
                return out;
            }
        }
    }

    private List<String> events(long id) throws SQLException {
        return strings("SELECT message FROM " + SCRATCH + ".migration_events WHERE migration_id = " + id);
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = control.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
