package dev.shardwise.graphql.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void jdbcUrlKeepsOnlyHostAndPort() {
        assertThat(Addresses.hostPort("jdbc:postgresql://10.0.0.5:5432/shardwise?user=app&password=s3cret"))
                .isEqualTo("10.0.0.5:5432");
    }

    @Test
    void multiHostJdbcUrlListsEveryHost() {
        assertThat(Addresses.hostPort("jdbc:postgresql://a:5432,b:5433/db")).isEqualTo("a:5432,b:5433");
    }

    @Test
    void redisUserInfoIsDropped() {
        assertThat(Addresses.hostPort("redis://default:s3cret@cache.internal:6379/0")).isEqualTo("cache.internal:6379");
        assertThat(Addresses.hostPort("rediss://:s3cret@cache:6380")).isEqualTo("cache:6380");
    }

    @Test
    void bareHostPortListIsKept() {
        assertThat(Addresses.hostPort(" k1:9092, k2:9092 ")).isEqualTo("k1:9092,k2:9092");
    }
}
