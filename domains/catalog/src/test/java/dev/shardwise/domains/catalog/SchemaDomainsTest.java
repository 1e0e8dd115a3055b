package dev.shardwise.domains.catalog;

import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.shardmap.ShardKeyKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaDomainsTest {

    @Test
    void shippedFileDefinesTheReferenceDomains() {
        SchemaDomains domains = SchemaDomains.load();
        assertThat(domains.domains()).extracting(SchemaDomain::name).containsExactly("global", "identity", "content");
        assertThat(domains.domain("global").sharded()).isFalse();
        assertThat(domains.domain("identity").shardKey()).contains("user_id");
        assertThat(domains.domain("content").shardKey()).contains("workspace_id");
        assertThat(domains.domain("content").keyKind()).isEqualTo(ShardKeyKind.UUID);
        assertThat(domains.domainOfTable("BLOCKS")).map(SchemaDomain::name).contains("content");
        assertThat(domains.domainOfTable("user_workspaces")).map(SchemaDomain::name).contains("identity");
        assertThat(domains.domainOfTable("nope")).isEmpty();
        assertThat(domains.keyspaces()).extracting(k -> k.name() + ":" + k.shardCount())
                .containsExactly("global:1", "identity:16", "content:16");
    }

    @Test
    void aTableInTwoDomainsIsRefusedNamingBoth() {
        String yaml = """
                domains:
                  a: {keyspace: a, sharded: false, tables: [t1, shared]}
                  b: {keyspace: b, sharded: true, shard_key: id, shards: 4, tables: [shared]}
                """;
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shared").hasMessageContaining("'a'").hasMessageContaining("'b'");
    }

    @Test
    void aShardedDomainWithoutShardKeyIsRefused() {
        String yaml = """
                domains:
                  b: {keyspace: b, sharded: true, shards: 4, tables: [x]}
                """;
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b'").hasMessageContaining("shard_key");
    }

    @Test
    void aDomainWithoutTablesIsRefused() {
        assertThatThrownBy(() -> parse("domains:\n  e: {keyspace: e, sharded: false}\n"))
                .hasMessageContaining("'e' lists no tables");
    }

    private static SchemaDomains parse(String yaml) throws Exception {
        return SchemaDomains.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }
}
