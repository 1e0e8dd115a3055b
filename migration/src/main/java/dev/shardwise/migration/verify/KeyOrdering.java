package dev.shardwise.migration.verify;

import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.copy.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves that both copies order a table's keys the same way before verify splits it into ranges.
 * Ranges are cut at keys of the serving copy and applied on each copy with that copy's own
 * ordering; if a text key column sorted under different collations, the other copy's ranges
 * could leave gaps, and rows in a gap would never be compared.
 */
final class KeyOrdering {

    // The locale columns were renamed across PostgreSQL versions (daticulocale → datlocale), so they
    // are read through to_jsonb, which simply lacks the keys a version does not have.
    private static final String COLLATIONS = """
            SELECT a.attname,
                   CASE WHEN a.attcollation = 0 THEN ''
                        WHEN co.collname = 'default' THEN concat_ws('/', 'database', d.datlocprovider, d.datcollate,
                             to_jsonb(d) ->> 'daticulocale', to_jsonb(d) ->> 'datlocale')
                        ELSE concat_ws('/', co.collname, co.collprovider, co.collcollate,
                             to_jsonb(co) ->> 'colliculocale', to_jsonb(co) ->> 'colllocale') END
            FROM pg_attribute a
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            JOIN pg_database d ON d.datname = current_database()
            WHERE a.attrelid = ?::regclass AND a.attname = ANY (?)
            ORDER BY a.attname""";

    private KeyOrdering() {
    }

    /** Refuses if any key column of {@code t} sorts under a different collation on the two copies. */
    static void requireSame(Connection serving, Connection other, TableInfo t) throws SQLException {
        List<String> onServing = collations(serving, t);
        List<String> onOther = collations(other, t);
        if (!onServing.equals(onOther)) {
            throw MigrationException.refused(Refusal.KEY_ORDER_DIFFERS,
                    "table " + t.schema() + "." + t.name() + ": the primary-key columns sort "
                    + "differently on the two copies (serving " + onServing + ", other " + onOther + "), so verify "
                    + "cannot compare key ranges; give the other copy's database or key columns the serving copy's "
                    + "collation, then verify again");
        }
    }

    private static List<String> collations(Connection c, TableInfo t) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(COLLATIONS)) {
            ps.setString(1, t.qualified());
            ps.setArray(2, c.createArrayOf("text", t.key().stream().map(TableInfo.Column::name).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }
}
