package dev.shardwise.migration.it;

import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the suites that move real content shards share: a {@link MoveFixture} on the fleet for the
 * class, small backfill batches (so moves have several), and the shards the class has moved (each
 * test moves a shard no earlier test touched).
 */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MoveSuite {

    static final Duration WAIT = Duration.ofMinutes(2);
    static final MigrationSettings SETTINGS = MigrationSettings.defaults().withBackfill(100, 0)
            .withLagThreshold(5_000);

    MoveFixture fx;
    final List<ShardId> used = new ArrayList<>();

    @BeforeAll
    void setUp(Fleet fleet) {
        fx = new MoveFixture(fleet, SETTINGS);
    }

    /** The shard of {@code spaces}, marked used so that no later test of the class moves it again. */
    ShardId take(List<WriteLoad.Space> spaces) {
        ShardId shard = fx.shardOf(spaces.getFirst().workspaceId());
        used.add(shard);
        return shard;
    }

    @AfterAll
    void tearDown() {
        fx.close();
    }
}
