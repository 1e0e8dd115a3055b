package dev.shardwise.aggregation.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void namesBecomePositionsInOrderOfUseAndRepeatsBindAgain() {
        NamedSql sql = NamedSql.of("SELECT id FROM pages WHERE workspace_id = :ws AND (created_at, id) < (:at, :id)"
                + " AND workspace_id = :ws LIMIT :limit");
        assertThat(sql.jdbc()).isEqualTo("SELECT id FROM pages WHERE workspace_id = ? AND (created_at, id) < (?, ?)"
                + " AND workspace_id = ? LIMIT ?");
        assertThat(sql.names()).containsExactly("ws", "at", "id", "limit");
    }

    @Test
    void castsLiteralsCommentsAndQuotedNamesAreNotParameters() {
        NamedSql sql = NamedSql.of("SELECT ':not' AS a, \"x:y\", ts::text, E'\\\\:no' -- :nope\n"
                + "FROM t /* :none */ WHERE k = :key AND body = $$ :dollar $$");
        assertThat(sql.names()).containsExactly("key");
        assertThat(sql.jdbc()).contains("ts::text").contains("':not'").contains("k = ?").contains("$$ :dollar $$");
    }

    @Test
    void positionalParametersAreRefused() {
        assertThatThrownBy(() -> NamedSql.of("SELECT 1 FROM t WHERE a = ? AND b = :b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positional parameter '?'");
        assertThatThrownBy(() -> NamedSql.of("SELECT $1")).hasMessageContaining("'$1'");
    }

    @Test
    void missingAndUnusedNamesAreRefusedNamingBoth() {
        NamedSql sql = NamedSql.of("SELECT 1 FROM t WHERE a = :a AND b = :b");
        assertThatThrownBy(() -> sql.checkNames(SqlParams.of("a", 1, "c", 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing [b]").hasMessageContaining("not used by it [c]");
        sql.checkNames(SqlParams.of("a", 1, "b", 2));
    }

    @Test
    void aSuffixRenamesOnlyTheNamedParameters() {
        NamedSql branch = NamedSql.of("SELECT 1 FROM s.t WHERE id = ANY(:ids) AND body ILIKE :pattern");
        NamedSql renamed = branch.withSuffix("s3", Set.of("ids"));
        assertThat(renamed.text()).isEqualTo("SELECT 1 FROM s.t WHERE id = ANY(:ids_s3) AND body ILIKE :pattern");
        assertThat(renamed.names()).containsExactly("ids_s3", "pattern");
    }

    @Test
    void aSuffixLeavesTheSameNameInALiteralOrCommentAlone() {
        NamedSql renamed = NamedSql.of("SELECT ':ids' /* :ids */ FROM t WHERE id = ANY(:ids) AND a = :ids")
                .withSuffix("s1", Set.of("ids"));
        assertThat(renamed.text()).isEqualTo("SELECT ':ids' /* :ids */ FROM t WHERE id = ANY(:ids_s1) AND a = :ids_s1");
        assertThat(renamed.jdbc()).isEqualTo("SELECT ':ids' /* :ids */ FROM t WHERE id = ANY(?) AND a = ?");
        // A second rename of the result still finds the parameters where they moved to.
        assertThat(renamed.withSuffix("x", Set.of("ids_s1")).text()).endsWith("ANY(:ids_s1_x) AND a = :ids_s1_x");
    }

    @Test
    void partsJoinAsIfParsedTogether() {
        List<NamedSql> parts = List.of(NamedSql.of("SELECT * FROM ("), NamedSql.of("(SELECT a FROM s1.t WHERE g = :g)")
                .withSuffix("s1", Set.of("g")), NamedSql.of(" UNION ALL "), NamedSql.of("(SELECT a FROM s2.t WHERE g = :g)"),
                NamedSql.of(") AS f WHERE a > :min"));
        NamedSql joined = NamedSql.concat(parts);
        NamedSql whole = NamedSql.of(joined.text());
        assertThat(joined.jdbc()).isEqualTo(whole.jdbc());
        assertThat(joined.names()).containsExactly("g_s1", "g", "min").isEqualTo(whole.names());
        assertThat(joined.withSuffix("z", Set.of("min")).text()).isEqualTo(whole.withSuffix("z", Set.of("min")).text())
                .endsWith(":min_z");
    }

    @Test
    void paramsRefuseASecondValueForOneName() {
        SqlParams params = SqlParams.of("a", 1).withUuids("ids", List.of(UUID.randomUUID()));
        assertThat(params.names()).containsExactly("a", "ids");
        assertThatThrownBy(() -> params.with("a", 2)).hasMessageContaining(":a is set twice");
        assertThat(SqlParams.of("b", null).withAll(SqlParams.of("x", 7), "s1").names()).containsExactly("b", "x_s1");
    }

    @Test
    void aFingerprintShowsValues() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertThat(SqlParams.of("floor", 3).withUuids("ids", List.of(id)).toString())
                .isEqualTo("{floor=3, ids=uuid[" + id + "]}");
    }
}
