package dev.shardwise.graphql.platform;

import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.migration.dark.MigrationDarkReads;
import dev.shardwise.migration.store.MigrationStore;
import dev.shardwise.routing.exec.RouterSettings;
import dev.shardwise.shardmap.config.Endpoints;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Dark reads for shards that an online migration is moving: the app's router repeats a share of
 * their reads on the other copy and the migration's status counts the mismatches. Off when the
 * configured fraction is 0.
 */
public final class DarkReadsSetup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DarkReadsSetup.class);

    private final Optional<MigrationDarkReads> darkReads;

    private DarkReadsSetup(Optional<MigrationDarkReads> darkReads) {
        this.darkReads = darkReads;
    }

    static DarkReadsSetup start(double fraction, Endpoints endpoints, Clock clock) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("configuration key shardwise.dark-reads.fraction (env"
                    + " SHARDWISE_DARK_READS_FRACTION) is " + fraction + "; allowed: 0 (off) to 1 (every read of a moving"
                    + " shard)");
        }
        if (fraction == 0) {
            LOG.info("dark reads off");
            return new DarkReadsSetup(Optional.empty());
        }
        MigrationStore store = new MigrationStore(ControlPlane.controlDataSource(endpoints, "shardwise-dark-reads"), clock);
        store.migrate();
        LOG.infof("dark reads on: %.0f%% of the reads of moving shards are compared with their other copy",
                fraction * 100);
        return new DarkReadsSetup(Optional.of(new MigrationDarkReads(store, fraction, Duration.ofSeconds(1), clock)));
    }

    /** Adds dark reads to the router's settings when they are on. */
    public RouterSettings apply(RouterSettings settings) {
        return darkReads.map(settings::withDarkReads).orElse(settings);
    }

    @Override
    public void close() {
        darkReads.ifPresent(MigrationDarkReads::close);
    }
}
