package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.linters.staticcheck.MigrationParser.Effect;
import dev.shardwise.linters.staticcheck.MigrationParser.Facts;
import dev.shardwise.linters.staticcheck.MigrationParser.ForeignKey;
import dev.shardwise.linters.staticcheck.MigrationParser.TableEffect;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationParserTest {

    @Test
    void createTableWithInlineAndTableLevelForeignKeys() {
        Facts facts = MigrationParser.parse("""
                -- leading comment
                CREATE UNLOGGED TABLE IF NOT EXISTS app."Pages" (
                    id uuid PRIMARY KEY,
                    workspace_id uuid NOT NULL REFERENCES workspaces (workspace_id) ON DELETE CASCADE,
                    note text DEFAULT 'REFERENCES fake',
                    CONSTRAINT pages_author FOREIGN KEY (author) REFERENCES identity.users (user_id),
                    CHECK (length(note) BETWEEN 1 AND 10)
                )""", 12);

        assertThat(facts.ddl()).isTrue();
        assertThat(facts.effects()).containsExactly(new TableEffect(Effect.CREATES, "Pages", Optional.empty(), 12));
        assertThat(facts.foreignKeys()).containsExactly(new ForeignKey("Pages", "workspaces", 14),
                new ForeignKey("Pages", "users", 16));
    }

    @Test
    void alterTableAddsForeignKeysAndRenames() {
        assertThat(MigrationParser.parse("ALTER TABLE IF EXISTS ONLY blocks ADD CONSTRAINT b_page\n"
                + "  FOREIGN KEY (page_id) REFERENCES pages (id)", 3).foreignKeys())
                .containsExactly(new ForeignKey("blocks", "pages", 4));
        assertThat(MigrationParser.parse("ALTER TABLE blocks ADD COLUMN owner uuid REFERENCES users", 1).effects())
                .containsExactly(new TableEffect(Effect.ALTERS, "blocks", Optional.empty(), 1));
        assertThat(MigrationParser.parse("ALTER TABLE old_name RENAME TO new_name", 7).effects())
                .containsExactly(new TableEffect(Effect.RENAMES, "old_name", Optional.of("new_name"), 7));
        assertThat(MigrationParser.parse("ALTER TABLE t RENAME COLUMN a TO b", 1).effects())
                .containsExactly(new TableEffect(Effect.ALTERS, "t", Optional.empty(), 1));
    }

    @Test
    void dropIndexCommentAndTruncateName() {
        assertThat(MigrationParser.parse("DROP TABLE IF EXISTS a, public.b CASCADE", 2).effects())
                .containsExactly(new TableEffect(Effect.DROPS, "a", Optional.empty(), 2),
                        new TableEffect(Effect.DROPS, "b", Optional.empty(), 2));
        assertThat(MigrationParser.parse("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY pages "
                + "(workspace_id, created_at DESC) WHERE deleted_at IS NULL", 1).effects())
                .containsExactly(new TableEffect(Effect.ALTERS, "pages", Optional.empty(), 1));
        assertThat(MigrationParser.parse("COMMENT ON COLUMN pages.title IS 'x'", 1).effects())
                .extracting(TableEffect::table).containsExactly("pages");
        assertThat(MigrationParser.parse("TRUNCATE TABLE outbox", 1).effects())
                .extracting(TableEffect::table).containsExactly("outbox");
        assertThat(MigrationParser.parse("CREATE VIEW recent AS SELECT * FROM pages", 1).effects())
                .containsExactly(new TableEffect(Effect.CREATES, "recent", Optional.empty(), 1));
    }

    @Test
    void functionsAndDmlAreNotTableDefinitions() {
        Facts function = MigrationParser.parse("CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN "
                + "CREATE TABLE x (id int REFERENCES y); END $$ LANGUAGE plpgsql", 1);
        assertThat(function.ddl()).isTrue();
        assertThat(function.effects()).isEmpty();
        assertThat(function.foreignKeys()).isEmpty();

        assertThat(MigrationParser.parse("INSERT INTO map_version VALUES (0)", 1).ddl()).isFalse();
        assertThat(MigrationParser.parse("WITH x AS (SELECT 1) UPDATE t SET a = 1", 1).ddl()).isFalse();
        assertThat(MigrationParser.parse("-- only a comment", 1).ddl()).isFalse();
    }
}
