package dev.shardwise.graphql.it;

import dev.shardwise.shardmap.testing.Fleet;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Brings the local fleet up ({@code infra/fleet up}, idempotent) before the application starts and
 * points {@code shardwise.endpoints} at the endpoints file it wrote.
 */
public class FleetResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Fleet fleet = Fleet.up();
        return Map.of("shardwise.endpoints", Fleet.endpointsFile(fleet.repoRoot()).toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        // The fleet is shared by every test JVM; it stays up.
    }
}
