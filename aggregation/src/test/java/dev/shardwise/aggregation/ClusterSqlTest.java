package dev.shardwise.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.routing.Destination;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClusterSqlTest {

    private static final KeyspaceName KEYSPACE = KeyspaceName.of("content");

    private static Destination shard(int number) {
        return new Destination(new ShardId(KEYSPACE, number), ClusterId.of("c1"), "content_%04d".formatted(number), 1,
                ShardState.ACTIVE, 1);
    }

    private static ClusterSql statement() {
        return ClusterSql.unionAll("SELECT * FROM (", List.of(shard(2), shard(7)), d -> new ClusterSql.Branch(
                "(SELECT id, " + d.shard().number() + " AS __shard FROM " + d.schema() + ".items WHERE id = ANY(:ids)"
                        + " AND grp = :grp)", SqlParams.of("ids", "ids of " + d.shard().number())),
                ") AS f ORDER BY id LIMIT 5", SqlParams.of("grp", "g1"));
    }

    @Test
    void eachBranchGetsItsOwnParametersUnderItsShardsSuffix() {
        ClusterSql sql = statement();
        assertThat(sql.text()).isEqualTo("SELECT * FROM ((SELECT id, 2 AS __shard FROM content_0002.items"
                + " WHERE id = ANY(:ids_s2) AND grp = :grp) UNION ALL (SELECT id, 7 AS __shard FROM content_0007.items"
                + " WHERE id = ANY(:ids_s7) AND grp = :grp)) AS f ORDER BY id LIMIT 5");
        assertThat(sql.params().names()).containsExactlyInAnyOrder("grp", "ids_s2", "ids_s7");
    }

    @Test
    void aCachingParserSeesEachPartTextOnceAndGivesTheSameStatement() {
        List<String> parsedTexts = new ArrayList<>();
        var cache = new java.util.HashMap<String, NamedSql>();
        Function<String, NamedSql> parser = text -> cache.computeIfAbsent(text, t -> {
            parsedTexts.add(t);
            return NamedSql.of(t);
        });
        NamedSql first = statement().sql(parser);
        int afterFirst = parsedTexts.size();
        NamedSql second = statement().sql(parser);

        assertThat(parsedTexts).hasSize(afterFirst); // nothing parsed again
        assertThat(second.jdbc()).isEqualTo(first.jdbc()).isEqualTo(NamedSql.of(statement().text()).jdbc());
        assertThat(second.names()).containsExactly("ids_s2", "grp", "ids_s7");
    }
}
