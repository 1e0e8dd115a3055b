package dev.shardwise.migration.cli;

import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.Refusal;
import dev.shardwise.migration.engine.MigrationEngine;
import dev.shardwise.migration.engine.SchemaPreparer;
import dev.shardwise.migration.store.MigrationStore;
import dev.shardwise.shardmap.config.Endpoints;
import java.time.Clock;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Wires a {@link MigrationEngine} for a fleet described by an endpoints file: the shard map's
 * control plane, the migration state next to it, and the domains' migrations to prepare target
 * schemas. Closing it releases the control-plane connections.
 */
public final class MigrationRuntime implements AutoCloseable {

    private final ControlPlane controlPlane;
    private final PooledConnector connector;
    private final MigrationEngine engine;

    public MigrationRuntime(Endpoints endpoints, MigrationSettings settings, Clock clock, Consumer<String> log) {
        this.connector = new PooledConnector(endpoints.user(), endpoints.password());
        DataSource control = connector.forUrl(endpoints.controlJdbc(), "shardwise-migration-control");
        this.controlPlane = new ControlPlane(endpoints, SchemaDomains.load(), clock, log, connector, control);
        MigrationStore store = new MigrationStore(control, clock);
        store.migrate();
        this.engine = new MigrationEngine(store, controlPlane.admin(), connector, preparer(controlPlane), settings,
                clock, log);
    }

    private static SchemaPreparer preparer(ControlPlane cp) {
        return (target, shard, schema) -> {
            SchemaDomain domain = cp.domains().domains().stream()
                    .filter(d -> d.keyspace().equals(shard.id().keyspace())).findFirst()
                    .orElseThrow(() -> MigrationException.refused(Refusal.NO_SCHEMA_DOMAIN,
                            "keyspace " + shard.id().keyspace()
                            + " belongs to no schema domain in schema-domains.yml, so its schema cannot be created"
                            + " on the target; only domain keyspaces can be moved"));
            cp.migrator().migrateCopy(target, schema, shard, domain);
        };
    }

    public MigrationEngine engine() {
        return engine;
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    @Override
    public void close() {
        controlPlane.close();
        connector.close();
    }
}
