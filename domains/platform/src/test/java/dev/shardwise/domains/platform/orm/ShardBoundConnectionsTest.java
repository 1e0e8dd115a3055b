package dev.shardwise.domains.platform.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ShardBoundConnectionsTest {

    private static Connection fakeConnection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("toString") ? "fake" : null);
    }

    @Test
    void lendsTheUnitsConnectionOnlyToASessionOfTheSameShard() throws Exception {
        var provider = new ShardBoundConnections();
        Connection connection = fakeConnection();
        try (AutoCloseable scope = provider.lend("content/3", connection)) {
            assertThat(provider.getConnection("content/3")).isSameAs(connection);
            assertThatThrownBy(() -> provider.getConnection("content/5")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("content/5").hasMessageContaining("content/3");
        }
        assertThatThrownBy(() -> provider.getConnection("content/3")).isInstanceOf(SQLException.class)
                .hasMessageContaining("outside its unit of work");
        assertThatThrownBy(provider::getAnyConnection).isInstanceOf(SQLException.class);
    }

    @Test
    void nestedUnitsRestoreTheOuterBinding() throws Exception {
        var provider = new ShardBoundConnections();
        Connection outer = fakeConnection();
        Connection inner = fakeConnection();
        try (AutoCloseable a = provider.lend("identity/1", outer)) {
            try (AutoCloseable b = provider.lend("global/0", inner)) {
                assertThat(provider.getConnection("global/0")).isSameAs(inner);
            }
            assertThat(provider.getConnection("identity/1")).isSameAs(outer);
        }
    }
}
