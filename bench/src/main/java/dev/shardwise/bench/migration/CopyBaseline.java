package dev.shardwise.bench.migration;

import dev.shardwise.migration.copy.TableInfo;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The baseline for the backfill: PostgreSQL's own bulk path between the same two clusters,
 * {@code COPY (SELECT * FROM schema.table) TO STDOUT} on the source streamed straight into
 * {@code COPY scratch.table FROM STDIN} on the target (pgjdbc's copy API, no buffering of a whole
 * table), table after table. The scratch tables are created {@code LIKE} the target's copy with
 * its indexes, so index maintenance costs the same, but without foreign keys (the backfill writes
 * with those checks off too); they are dropped afterwards.
 */
final class CopyBaseline {

    /** What the copy moved (rows, bytes of COPY text), and how long it took. */
    record Result(long rows, long bytes, long nanos) {
    }

    private CopyBaseline() {
    }

    static Result run(Connection source, Connection target, String schema, List<TableInfo> tables)
            throws SQLException {
        String scratch = "_bench_copy_" + schema;
        try (Statement st = target.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + scratch + " CASCADE");
            st.execute("CREATE SCHEMA " + scratch);
            for (TableInfo t : tables) {
                st.execute("CREATE TABLE " + scratch + "." + TableInfo.quote(t.name()) + " (LIKE " + t.qualified()
                        + " INCLUDING DEFAULTS INCLUDING INDEXES)");
            }
        }
        try {
            long rows = 0;
            long[] bytes = {0};
            long started = System.nanoTime();
            for (TableInfo t : tables) {
                String into = scratch + "." + TableInfo.quote(t.name());
                // Closing the counting wrapper closes the copy stream, which ends the COPY FROM STDIN.
                try (OutputStream counted = counting(new PGCopyOutputStream(target.unwrap(PGConnection.class),
                        "COPY " + into + " FROM STDIN"), bytes)) {
                    rows += source.unwrap(PGConnection.class).getCopyAPI()
                            .copyOut("COPY (SELECT * FROM " + t.qualified() + ") TO STDOUT", counted);
                } catch (IOException e) {
                    throw new SQLException("streaming COPY of " + t.qualified() + " into " + into + " failed: "
                            + e.getMessage(), e);
                }
            }
            return new Result(rows, bytes[0], System.nanoTime() - started);
        } finally {
            try (Statement st = target.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + scratch + " CASCADE");
            }
        }
    }

    private static OutputStream counting(OutputStream out, long[] bytes) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                bytes[0]++;
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                out.write(buf, off, len);
                bytes[0] += len;
            }
        };
    }
}
