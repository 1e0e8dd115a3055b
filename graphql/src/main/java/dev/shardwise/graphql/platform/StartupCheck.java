package dev.shardwise.graphql.platform;

import dev.shardwise.domains.events.EventsRuntime;
import dev.shardwise.domains.platform.DataAccess;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * Opens the data access at start-up so a misconfigured deployment fails before it serves, and
 * starts the membership-event pipeline. On shutdown it stops the pipeline first: its loops use the
 * router, which the container closes afterwards (it gives no order among its own disposers).
 */
@ApplicationScoped
class StartupCheck {

    private static final Logger LOG = Logger.getLogger(StartupCheck.class);

    private EventsRuntime events;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, DataAccess dataAccess,
                 EventsRuntime events) {
        var map = dataAccess.router().map();
        LOG.infof("serving with shard map v%d: %d keyspace(s), %d cluster(s), %d shard(s)", map.version(),
                map.keyspaces().size(), map.clusters().size(), map.shards().size());
        this.events = events;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (events != null) {
            LOG.info("stopping the membership-event pipeline");
            events.close();
            events = null;
        }
    }
}
