package dev.shardwise.graphql.platform;

import dev.shardwise.domains.platform.DataAccess;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Opens the data access at start-up so a misconfigured deployment fails before it serves. */
@ApplicationScoped
class StartupCheck {

    private static final Logger LOG = Logger.getLogger(StartupCheck.class);

    void onStart(@Observes StartupEvent event, DataAccess dataAccess) {
        var map = dataAccess.router().map();
        LOG.infof("serving with shard map v%d: %d keyspace(s), %d cluster(s), %d shard(s)", map.version(),
                map.keyspaces().size(), map.clusters().size(), map.shards().size());
    }
}
