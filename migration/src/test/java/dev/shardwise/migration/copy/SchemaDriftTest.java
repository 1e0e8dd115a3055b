package dev.shardwise.migration.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each way a moving shard's schema can drift is named with the table, the column and the copy. */
class SchemaDriftTest {

    private static final TableInfo.Column ID = new TableInfo.Column("id", "uuid", false);
    private static final TableInfo.Column TEXT = new TableInfo.Column("text", "text", false);
    private static final TableInfo.Column NOTE = new TableInfo.Column("note", "text", false);
    private static final TableInfo COMMENTS = table("comments", ID, TEXT);
    private static final Optional<String> V2 = Optional.of("2");

    @Test
    void identicalCatalogsAndVersionsAgree() {
        assertThat(SchemaDrift.between(known(COMMENTS), List.of(COMMENTS), List.of(COMMENTS), V2, V2)).isEmpty();
    }

    @Test
    void aColumnAddedOnTheSourceIsNamedAgainstTheMoveAndTheTarget() {
        List<String> drift = SchemaDrift.between(known(COMMENTS), List.of(table("comments", ID, TEXT, NOTE)),
                List.of(COMMENTS), V2, V2);
        assertThat(drift).containsExactly("table comments: column note text only in the source",
                "table comments: column note text only in the source");
    }

    @Test
    void tablesAddedOrDroppedTypesChangedAndVersionsApartAreEachNamed() {
        TableInfo pages = table("pages", ID);
        List<String> drift = SchemaDrift.between(known(COMMENTS), List.of(COMMENTS, pages),
                List.of(table("comments", ID, new TableInfo.Column("text", "character varying(10)", false))),
                V2, Optional.of("3"));
        assertThat(drift).containsExactly(
                "the copies are at schema versions 2 (source) and 3 (target)",
                "table pages is in the source but not in the move",
                "table comments: column text text only in the source; column text character varying(10) only in"
                        + " the target",
                "table pages is in the source but not in the target");
        assertThat(SchemaDrift.between(known(COMMENTS), List.of(table("comments", TEXT, ID)), List.of(COMMENTS),
                V2, V2).getFirst()).isEqualTo("table comments: its columns are in another order in the move than in"
                + " the source");
    }

    private static Map<String, TableInfo> known(TableInfo... tables) {
        Map<String, TableInfo> out = new LinkedHashMap<>();
        for (TableInfo t : tables) {
            out.put(t.name(), t);
        }
        return out;
    }

    private static TableInfo table(String name, TableInfo.Column... columns) {
        return new TableInfo("content_0001", name, List.of(columns), List.of(ID));
    }
}
