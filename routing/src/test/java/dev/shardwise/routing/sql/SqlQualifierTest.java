package dev.shardwise.routing.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlQualifierTest {

    private final SqlQualifier qualifier = new SqlQualifier(Set.of("pages", "blocks", "workspaces", "items"));

    private String q(String sql) {
        return qualifier.template(sql).render("content_0003");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            select p1_0.id,p1_0.title from pages p1_0 where p1_0.id=? | select p1_0.id,p1_0.title from "content_0003".pages p1_0 where p1_0.id=?
            insert into pages (id,title) values (?,?) | insert into "content_0003".pages (id,title) values (?,?)
            INSERT INTO items(id, payload) VALUES (?, 'x') | INSERT INTO "content_0003".items(id, payload) VALUES (?, 'x')
            update blocks set text=?,version=? where id=? and version=? | update "content_0003".blocks set text=?,version=? where id=? and version=?
            delete from blocks where id=? | delete from "content_0003".blocks where id=?
            SELECT * FROM pages p JOIN blocks b ON b.page_id = p.id | SELECT * FROM "content_0003".pages p JOIN "content_0003".blocks b ON b.page_id = p.id
            select * from pages, blocks where true | select * from "content_0003".pages, "content_0003".blocks where true
            DELETE FROM blocks USING pages WHERE blocks.page_id = pages.id | DELETE FROM "content_0003".blocks USING "content_0003".pages WHERE blocks.page_id = pages.id
            INSERT INTO pages (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title RETURNING id | INSERT INTO "content_0003".pages (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title RETURNING id
            SELECT count(*) FROM "pages" | SELECT count(*) FROM "content_0003"."pages"
            SELECT * FROM content_0001.pages | SELECT * FROM content_0001.pages
            SELECT pages FROM blocks | SELECT pages FROM "content_0003".blocks
            SELECT 'from pages' AS note, $$ from pages $$ FROM blocks -- from pages | SELECT 'from pages' AS note, $$ from pages $$ FROM "content_0003".blocks -- from pages
            SELECT /* from pages /* nested */ still */ 1 FROM blocks | SELECT /* from pages /* nested */ still */ 1 FROM "content_0003".blocks
            WITH pages AS (SELECT * FROM blocks) SELECT * FROM pages | WITH pages AS (SELECT * FROM "content_0003".blocks) SELECT * FROM pages
            SELECT * FROM generate_series(1, 3) g, pages | SELECT * FROM generate_series(1, 3) g, "content_0003".pages
            SELECT 1 | SELECT 1
            SELECT * FROM unknown_table | SELECT * FROM unknown_table
            SELECT E'it''s \\' from pages' FROM pages | SELECT E'it''s \\' from pages' FROM "content_0003".pages
            TRUNCATE items | TRUNCATE "content_0003".items
            SELECT * FROM pages FOR UPDATE OF pages | SELECT * FROM "content_0003".pages FOR UPDATE OF pages
            """)
    void qualifiesOnlyTableReferences(String sql, String expected) {
        assertThat(q(sql)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT 1 | false
            select id from pages | true
            """)
    void templatesSayWhetherTheyQualifyAnything(String sql, boolean qualifies) {
        assertThat(qualifier.template(sql).qualifies()).isEqualTo(qualifies);
    }
}
