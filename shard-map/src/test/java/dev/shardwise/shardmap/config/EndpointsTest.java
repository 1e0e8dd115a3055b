package dev.shardwise.shardmap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    private static Properties props(String text) throws Exception {
        var p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void parsesClustersWithTheirReplicas() throws Exception {
        Endpoints e = Endpoints.from(props("""
                control.jdbc=jdbc:postgresql://127.0.0.1:25400/shardwise
                db.user=shardwise
                db.password=secret
                redis.address=redis://127.0.0.1:25401
                kafka.bootstrap=127.0.0.1:25402
                clusters=c1, c2
                cluster.c1.primary=jdbc:postgresql://127.0.0.1:25410/shardwise
                cluster.c1.replicas=jdbc:postgresql://127.0.0.1:25411/shardwise
                cluster.c2.primary=jdbc:postgresql://127.0.0.1:25420/shardwise
                cluster.c2.replicas=
                """), "test");
        assertThat(e.clusters()).extracting(c -> c.id().value()).containsExactly("c1", "c2");
        assertThat(e.clusters().get(0).replicaUrls()).containsExactly("jdbc:postgresql://127.0.0.1:25411/shardwise");
        assertThat(e.clusters().get(1).replicaUrls()).isEmpty();
        assertThat(e.controlCluster().id()).isEqualTo(Endpoints.CONTROL);
    }

    @Test
    void aMissingKeyNamesTheKeyAndTheFix() {
        assertThatThrownBy(() -> Endpoints.from(props("clusters=c1\n"), "my.properties"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("my.properties")
                .hasMessageContaining("cluster.c1.primary").hasMessageContaining("infra/fleet up");
    }

    @Test
    void badValuesNameTheFileTheKeyAndWhatIsExpected() {
        String good = """
                control.jdbc=jdbc:postgresql://127.0.0.1:25400/shardwise
                db.user=shardwise
                db.password=secret
                redis.address=redis://127.0.0.1:25401
                """;
        assertThatThrownBy(() -> Endpoints.from(props(good + "clusters=C1\ncluster.C1.primary=jdbc:postgresql://h/x\n"),
                "e.properties")).hasMessageStartingWith("endpoints file e.properties, key 'clusters': cluster id 'C1' must match");
        assertThatThrownBy(() -> Endpoints.from(props(good + "clusters=c1\ncluster.c1.primary=postgres://h/x\n"),
                "e.properties")).hasMessage("endpoints file e.properties, key 'cluster.c1.primary': 'postgres://h/x'"
                + " is not a PostgreSQL JDBC URL; expected jdbc:postgresql://host:port/database");
        assertThatThrownBy(() -> Endpoints.from(props(good.replace("redis://127.0.0.1:25401", "localhost")
                + "clusters=c1\ncluster.c1.primary=jdbc:postgresql://h/x\n"), "e.properties"))
                .hasMessageContaining("key 'redis.address': 'localhost' is not a Redis address");
    }
}
