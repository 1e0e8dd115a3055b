package dev.shardwise.linters.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApplicationScopeTest {

    @Test
    void platformTablesAndCatalogsAreInfrastructure() {
        assertThat(ApplicationScope.isInfrastructure("SELECT version FROM shardmap.map_version")).isTrue();
        assertThat(ApplicationScope.isInfrastructure("SELECT * FROM pg_stat_replication")).isTrue();
        assertThat(ApplicationScope.isInfrastructure("SELECT c FROM information_schema.columns c")).isTrue();
        // keyspace and number are reserved words for the parser: the token fallback decides.
        assertThat(ApplicationScope.isInfrastructure(
                "UPDATE shardwise.shard_fence SET epoch = ? WHERE keyspace = ? AND number = ?")).isTrue();
    }

    @Test
    void applicationSqlAndMixturesStayInScope() {
        assertThat(ApplicationScope.isInfrastructure("SELECT * FROM pages WHERE workspace_id = ?")).isFalse();
        assertThat(ApplicationScope.isInfrastructure(
                "SELECT * FROM pages p JOIN shardmap.clusters c ON true WHERE p.workspace_id = ?")).isFalse();
        assertThat(ApplicationScope.isInfrastructure("SELECT 1")).isFalse();
        assertThat(ApplicationScope.isInfrastructure("SELECT keyspace FROM (SELECT 1) number")).isFalse();
        assertThat(ApplicationScope.isInfrastructure("SELECT * FROM other.pages")).isFalse();
    }
}
