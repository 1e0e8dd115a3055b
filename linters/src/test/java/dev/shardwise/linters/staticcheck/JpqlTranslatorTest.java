package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JpqlTranslatorTest {

    private static final String PAGE = """
            package x;
            @jakarta.persistence.Entity
            @jakarta.persistence.Table(name = "pages")
            public class Page {
                @jakarta.persistence.Column(name = "workspace_id") private java.util.UUID workspaceId;
                @jakarta.persistence.Column(name = "title") private String title;
                private java.time.Instant createdAt;
            }
            """;
    private static final String MEMBER = """
            package x;
            @jakarta.persistence.Entity(name = "Member")
            @jakarta.persistence.Table(name = "memberships")
            public class Membership {
                private java.util.UUID workspaceId;
                @jakarta.persistence.Column(name = "user_id")
                public java.util.UUID getUserId() { return null; }
            }
            """;

    private final JpqlTranslator translator = translator();

    private static JpqlTranslator translator() {
        List<JavaSource> sources = List.of(JavaSource.parse("Page.java", PAGE), JavaSource.parse("M.java", MEMBER));
        Map<String, JavaSource> classes = new HashMap<>();
        sources.forEach(s -> classes.put(s.className(), s));
        return new JpqlTranslator(EntityCatalog.of(sources, new ConstantEvaluator(classes)));
    }

    @Test
    void entitiesBecomeTablesAndAttributesColumns() {
        assertThat(translator.translate("select p.title from Page p join Member m on m.workspaceId = p.workspaceId"
                + " where m.userId = :user and p.createdAt > ?1"))
                .isEqualTo("select p.title from pages p join memberships m on m.workspace_id = p.workspace_id"
                        + " where m.user_id = ? and p.created_at > ?");
    }

    @Test
    void hqlShortFormsAndConstructorExpressions() {
        assertThat(translator.translate("from Page where workspaceId = :ws"))
                .isEqualTo("select * from pages where workspace_id = ?");
        assertThat(translator.translate("delete Page p where p.workspaceId = :ws"))
                .isEqualTo("delete from pages p where p.workspace_id = ?");
        assertThat(translator.translate("select new x.View(p.title, p.workspaceId) from Page as p"))
                .isEqualTo("select (p.title, p.workspace_id) from pages as p");
    }

    @Test
    void unknownEntitiesStayAsWrittenSoTheyAreReported() {
        assertThat(translator.translate("select o from Order o where o.total > 0"))
                .isEqualTo("select o from Order o where o.total > 0");
    }
}
