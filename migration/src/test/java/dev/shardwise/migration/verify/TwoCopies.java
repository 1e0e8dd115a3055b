package dev.shardwise.migration.verify;

import dev.shardwise.migration.copy.TableCatalog;
import dev.shardwise.migration.copy.TableInfo;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.testing.Fleet;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A throwaway shard schema with identical rows on two data clusters of the test fleet: the serving
 * copy on the first cluster, the other copy on the second. Two tables: {@code accounts} (uuid key)
 * and {@code events} (composite text + int key), with nullable, jsonb, numeric and timestamptz
 * columns. {@link #close()} drops the schema on both clusters.
 */
final class TwoCopies implements AutoCloseable {

    static final int ACCOUNTS = 2_500;
    static final int EVENTS = 3_000;

    private static final String DDL = """
            CREATE SCHEMA {s};
            CREATE TABLE {s}.accounts (id uuid PRIMARY KEY, name text NOT NULL, balance int,
                opened timestamptz NOT NULL, prefs jsonb, note text);
            CREATE TABLE {s}.events (tenant text NOT NULL, seq int NOT NULL, at timestamptz NOT NULL,
                payload jsonb, amount numeric(12, 2), PRIMARY KEY (tenant, seq));
            INSERT INTO {s}.accounts
              SELECT md5('acct' || g)::uuid, 'name ' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE g * 10 END,
                     timestamptz '2026-01-01 00:00:00+00' + g * interval '37 seconds',
                     CASE WHEN g % 3 = 0 THEN NULL ELSE jsonb_build_object('g', g, 'tags', jsonb_build_array('a', g % 4)) END,
                     CASE WHEN g % 2 = 0 THEN 'note ' || g END
              FROM generate_series(1, 2500) g;
            INSERT INTO {s}.events
              SELECT 't' || lpad((g % 10)::text, 2, '0'), g / 10,
                     timestamptz '2026-02-01 12:00:00.123456+00' + g * interval '1 minute 3.5 seconds',
                     CASE WHEN g % 4 = 0 THEN NULL ELSE jsonb_build_object('kind', 'e' || (g % 7), 'n', g) END,
                     CASE WHEN g % 6 = 0 THEN NULL ELSE g * 1.25 END
              FROM generate_series(0, 2999) g;
            """;

    final String schema;
    final DataSource servingSource;
    final DataSource otherSource;
    final Connection serving;
    final Connection other;
    private final List<Connection> opened = new ArrayList<>();

    private TwoCopies(String schema, DataSource servingSource, DataSource otherSource) throws SQLException {
        this.schema = schema;
        this.servingSource = servingSource;
        this.otherSource = otherSource;
        this.serving = open(servingSource);
        this.other = open(otherSource);
    }

    static TwoCopies create(Fleet fleet) throws SQLException {
        List<PhysicalCluster> clusters = fleet.endpoints().clusters();
        if (clusters.size() < 2) {
            throw new IllegalStateException("verify tests need two data clusters; the fleet has " + clusters.size());
        }
        String schema = "verify_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        TwoCopies copies = new TwoCopies(schema, fleet.dataSource(clusters.get(0).primaryUrl()),
                fleet.dataSource(clusters.get(1).primaryUrl()));
        try {
            copies.run(copies.serving, DDL);
            copies.run(copies.other, DDL);
        } catch (SQLException | RuntimeException e) {
            copies.close();
            throw e;
        }
        return copies;
    }

    /** A new connection to one copy, closed with the fixture. */
    Connection open(DataSource source) throws SQLException {
        Connection c = source.getConnection();
        opened.add(c);
        return c;
    }

    List<TableInfo> tables() throws SQLException {
        return TableCatalog.tables(serving, schema);
    }

    TableInfo table(String name) throws SQLException {
        return tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** Runs statements with {@code {s}} standing for the schema. */
    void run(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql.replace("{s}", schema));
        }
    }

    /** The single text value of a query with {@code {s}} standing for the schema. */
    String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.replace("{s}", schema))) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection s = servingSource.getConnection(); Connection o = otherSource.getConnection()) {
            run(s, "DROP SCHEMA IF EXISTS {s} CASCADE");
            run(o, "DROP SCHEMA IF EXISTS {s} CASCADE");
        } finally {
            for (Connection c : opened) {
                c.close();
            }
        }
    }
}
