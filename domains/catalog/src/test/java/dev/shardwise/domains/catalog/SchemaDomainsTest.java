package dev.shardwise.domains.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardKeyKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaDomainsTest {

    private static final DomainName GLOBAL = DomainName.of("global");
    private static final DomainName IDENTITY = DomainName.of("identity");
    private static final DomainName CONTENT = DomainName.of("content");

    @Test
    void shippedFileDefinesTheReferenceDomains() {
        SchemaDomains domains = SchemaDomains.load();
        assertThat(domains.names()).containsExactly(GLOBAL, IDENTITY, CONTENT);
        assertThat(domains.domain(GLOBAL).sharded()).isFalse();
        assertThat(domains.domain(IDENTITY).shardKey()).contains("user_id");
        assertThat(domains.domain(CONTENT).shardKey()).contains("workspace_id");
        assertThat(domains.domain(CONTENT).keyKind()).isEqualTo(ShardKeyKind.UUID);
        assertThat(domains.domain(CONTENT).keyspace()).isEqualTo(KeyspaceName.of("content"));
        assertThat(domains.domainOfTable("BLOCKS")).map(SchemaDomain::name).contains(CONTENT);
        assertThat(domains.domainOfTable("user_workspaces")).map(SchemaDomain::name).contains(IDENTITY);
        assertThat(domains.domainOfTable("nope")).isEmpty();
        assertThat(domains.keyspaces()).extracting(k -> k.name() + ":" + k.shardCount())
                .containsExactly("global:1", "identity:16", "content:16");
        assertThat(domains.tablesByKeyspace().get(KeyspaceName.of("content"))).contains("blocks", "outbox");
    }

    @Test
    void anUnknownDomainIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> SchemaDomains.load().domain(DomainName.of("billing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'billing'").hasMessageContaining("[global, identity, content]");
    }

    @Test
    void aTableInTwoDomainsIsRefusedNamingBoth() {
        String yaml = """
                domains:
                  a: {keyspace: a, sharded: false, tables: [t1, shared]}
                  b: {keyspace: b, sharded: true, shard_key: id, shards: 4, tables: [shared]}
                """;
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("test.yml: ")
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
                .hasMessageContaining("test.yml: domain 'e' lists no tables");
    }

    @Test
    void keyKindsAreReadInAnyCase() throws Exception {
        SchemaDomains parsed = parse("domains:\n  b: {sharded: true, shard_key: id, key_kind: bigint, shards: 8, tables: [x]}\n");
        assertThat(parsed.domain(DomainName.of("b")).keyKind()).isEqualTo(ShardKeyKind.BIGINT);
        assertThat(parsed.domain(DomainName.of("b")).keyspace()).isEqualTo(KeyspaceName.of("b"));
    }

    /** Each bad value is answered with the file, the domain, the key, the value and what is allowed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            key_kind LONG      | b: {sharded: true, shard_key: id, key_kind: LONG, shards: 4, tables: [x]}  | test.yml: domain 'b': key_kind 'LONG' is not one of [UUID, TEXT, BIGINT]
            misspelt key       | b: {sharded: true, shard_keys: id, shards: 4, tables: [x]}                  | test.yml: domain 'b': unknown key 'shard_keys'; allowed: [description, key_kind, keyspace, migrations, shard_key, sharded, shards, tables]
            shards not a number| b: {sharded: true, shard_key: id, shards: many, tables: [x]}                | test.yml: domain 'b': shards 'many' must be a whole number from 1 to 9999
            shards zero        | b: {sharded: true, shard_key: id, shards: 0, tables: [x]}                   | test.yml: domain 'b': shards '0' must be a whole number from 1 to 9999
            sharded not boolean| b: {sharded: yes please, tables: [x]}                                       | test.yml: domain 'b': sharded 'yes please' must be true or false
            bad keyspace       | b: {keyspace: Content-1, tables: [x]}                                       | test.yml: domain 'b': keyspace 'Content-1' is invalid: keyspace name 'Content-1' must match
            bad table name     | b: {tables: [\"Blocks\"]}                                                   | test.yml: domain 'b': table 'Blocks' must be an unquoted lower-case table name
            shard key unsharded| b: {shard_key: id, tables: [x]}                                             | test.yml: domain 'b': shard_key is only allowed with 'sharded: true'
            """)
    void badValuesNameTheFileKeyAndAllowedValues(String what, String domain, String message) {
        assertThatThrownBy(() -> parse("version: 1\ndomains:\n  " + domain + "\n"))
                .as(what).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void anUnsupportedVersionAndBrokenYamlAreRefusedNamingTheFile() {
        assertThatThrownBy(() -> parse("version: 2\ndomains:\n  a: {tables: [x]}\n"))
                .hasMessage("test.yml: version '2' is not supported; allowed: 1");
        assertThatThrownBy(() -> parse("domains: [unclosed\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("test.yml is not valid YAML: ");
    }

    private static SchemaDomains parse(String yaml) throws Exception {
        return SchemaDomains.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }
}
