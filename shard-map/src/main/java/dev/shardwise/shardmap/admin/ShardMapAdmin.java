package dev.shardwise.shardmap.admin;

import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.ClusterState;
import dev.shardwise.shardmap.Keyspace;
import dev.shardwise.shardmap.LogicalShard;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.ShardMap;
import dev.shardwise.shardmap.ShardMapException;
import dev.shardwise.shardmap.ShardState;
import dev.shardwise.shardmap.dataplane.DataPlane;
import dev.shardwise.shardmap.dataplane.Fence;
import dev.shardwise.shardmap.dataplane.FenceState;
import dev.shardwise.shardmap.store.ShardMapStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator-facing changes to the shard map, each applied in the order that keeps writes safe:
 * the data plane's fences first, then the control plane, then a notification.
 *
 * <p>If a step fails, the shard may be left unwritable (fence ahead of the map) but never
 * writable by two routers at once; repeating the operation completes it.
 */
public final class ShardMapAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(ShardMapAdmin.class);

    private final ShardMapStore store;
    private final DataPlane dataPlane;
    private final MapChangeNotifier notifier;

    public ShardMapAdmin(ShardMapStore store, DataPlane dataPlane, MapChangeNotifier notifier) {
        this.store = Objects.requireNonNull(store, "store");
        this.dataPlane = Objects.requireNonNull(dataPlane, "dataPlane");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /**
     * Creates missing keyspaces, registers clusters, and places every missing shard, spreading a
     * keyspace's shards round-robin over the data clusters (continuing where the previous keyspace
     * stopped, so cluster totals stay within one shard of each other). Existing shards never move.
     * Then prepares every cluster's fences. Idempotent.
     */
    public ShardMap bootstrap(BootstrapPlan plan) {
        store.migrate();
        ShardMap before = store.load();
        for (Keyspace wanted : plan.keyspaces()) {
            Keyspace existing = before.keyspaces().get(wanted.name());
            if (existing != null && !existing.equals(wanted)) {
                throw new ShardMapException("keyspace '" + wanted.name() + "' already exists as " + existing
                        + " but the plan asks for " + wanted + "; changing shard count, key kind or hash moves data "
                        + "and needs a resharding migration, not bootstrap");
            }
        }
        ShardMap map = needsChange(before, plan) ? store.change("bootstrap " + plan.keyspaces().stream()
                .map(Keyspace::name).toList() + " over " + plan.dataClusterIds(), writer -> {
            writer.upsertCluster(plan.home());
            for (PhysicalCluster cluster : plan.dataClusters()) {
                writer.upsertCluster(cluster);
            }
            int next = 0;
            for (Keyspace keyspace : plan.keyspaces()) {
                writer.insertKeyspace(keyspace);
                for (int n = 0; n < keyspace.shardCount(); n++) {
                    ClusterId target = keyspace.sharded()
                            ? plan.dataClusterIds().get(next++ % plan.dataClusters().size())
                            : plan.home().id();
                    writer.placeShard(new ShardId(keyspace.name(), n), target);
                }
            }
        }) : before;
        for (PhysicalCluster cluster : map.clusters().values()) {
            dataPlane.prepare(cluster);
            dataPlane.sync(map, cluster);
        }
        notifier.changed(map.version());
        LOG.info("bootstrap done: shard map v{}, {} shards on {} clusters", map.version(), map.shards().size(),
                map.clusters().size());
        return map;
    }

    /** Whether the plan names a keyspace, shard or cluster URL the map does not have yet. */
    private static boolean needsChange(ShardMap map, BootstrapPlan plan) {
        List<PhysicalCluster> clusters = new ArrayList<>(plan.dataClusters());
        clusters.add(plan.home());
        for (PhysicalCluster wanted : clusters) {
            PhysicalCluster known = map.clusters().get(wanted.id());
            if (known == null || !known.primaryUrl().equals(wanted.primaryUrl())
                    || !known.replicaUrls().equals(wanted.replicaUrls())) {
                return true;
            }
        }
        return plan.keyspaces().stream().anyMatch(k -> !map.keyspaces().containsKey(k.name())
                || map.shardsOf(k.name()).size() != k.shardCount());
    }

    /** Registers a new, empty physical cluster (or updates its URLs) and prepares its fences. */
    public ShardMap addCluster(PhysicalCluster cluster) {
        dataPlane.prepare(cluster);
        ShardMap map = store.change("add cluster " + cluster.id(), writer -> writer.upsertCluster(cluster));
        dataPlane.sync(map, map.cluster(cluster.id()));
        notifier.changed(map.version());
        return map;
    }

    public ShardMap setClusterState(ClusterId id, ClusterState state) {
        ShardMap map = store.change("cluster " + id + " -> " + state, writer -> writer.setClusterState(id, state));
        notifier.changed(map.version());
        return map;
    }

    /**
     * Moves a shard to {@code target} and/or puts it in {@code state}, at a new epoch higher than
     * any the shard has had on either cluster. Fences are raised before the map changes, so a
     * router holding the old map cannot commit a write after this method starts to return.
     */
    public LogicalShard transition(ShardId shard, ClusterId target, ShardState state, String reason) {
        return transition(shard, target, state, reason, c -> { });
    }

    /** As {@link #transition(ShardId, ClusterId, ShardState, String)}, the map change only if {@code guard} passes. */
    public LogicalShard transition(ShardId shard, ClusterId target, ShardState state, String reason,
                                   ShardMapStore.ChangeGuard guard) {
        ShardMap map = store.load();
        LogicalShard current = map.shard(shard);
        PhysicalCluster from = map.cluster(current.cluster());
        PhysicalCluster to = map.cluster(target);
        long epoch = nextEpoch(current, from, to);
        if (!from.id().equals(to.id())) {
            dataPlane.raiseFence(from, shard, epoch, FenceState.MOVED);
        }
        dataPlane.raiseFence(to, shard, epoch, FenceState.valueOf(state.name()));
        ShardMap after = store.change("shard " + shard + ": " + current.cluster() + "/" + current.state() + " -> "
                + target + "/" + state + " at epoch " + epoch + " (" + reason + ")", guard,
                writer -> writer.updateShard(shard, target, state, epoch));
        notifier.changed(after.version());
        return after.shard(shard);
    }

    /**
     * The flip of a migration's switch: {@code target} becomes the ACTIVE copy, as with
     * {@link #transition}, but only from a serving copy whose fence is {@code FROZEN} at
     * {@code frozenEpoch} and claimed by {@code leaseToken} (so a worker that lost its lease, or a
     * copy that was unfrozen behind its back, can never be marked MOVED without its drain), and the
     * map changes only if {@code guard} passes. Empty, with nothing changed, if the fence is not so.
     */
    public Optional<LogicalShard> switchServing(ShardId shard, ClusterId target, long frozenEpoch, long leaseToken,
                                                ShardMapStore.ChangeGuard guard, String reason) {
        ShardMap map = store.load();
        LogicalShard current = map.shard(shard);
        PhysicalCluster from = map.cluster(current.cluster());
        PhysicalCluster to = map.cluster(target);
        if (from.id().equals(to.id())) {
            throw new ShardMapException("shard " + shard + " already lives on " + target + "; nothing to switch");
        }
        long epoch = nextEpoch(current, from, to);
        if (!dataPlane.markMoved(from, shard, frozenEpoch, leaseToken, epoch)) {
            return Optional.empty();
        }
        dataPlane.raiseFence(to, shard, epoch, FenceState.ACTIVE);
        ShardMap after = store.change("shard " + shard + ": " + current.cluster() + "/" + current.state() + " -> "
                + target + "/ACTIVE at epoch " + epoch + " (" + reason + ")", guard,
                writer -> writer.updateShard(shard, target, ShardState.ACTIVE, epoch));
        notifier.changed(after.version());
        return Optional.of(after.shard(shard));
    }

    /**
     * Gives {@code target} a fence row for {@code shard} that refuses writes ({@code MOVED}) at the
     * shard's current epoch: the state of a copy being filled by a migration. The next
     * {@link #transition} to {@code target} raises it past every epoch either cluster has seen.
     */
    public void prepareCopy(ClusterId target, ShardId shard) {
        ShardMap map = store.load();
        LogicalShard current = map.shard(shard);
        if (current.cluster().equals(target)) {
            throw new ShardMapException("shard " + shard + " already lives on " + target + "; a copy goes elsewhere");
        }
        dataPlane.raiseFence(map.cluster(target), shard, current.epoch(), FenceState.MOVED);
    }

    private long nextEpoch(LogicalShard current, PhysicalCluster from, PhysicalCluster to) {
        List<Long> seen = new ArrayList<>(List.of(current.epoch()));
        for (PhysicalCluster cluster : List.of(from, to)) {
            dataPlane.fence(cluster, current.id()).map(Fence::epoch).ifPresent(seen::add);
        }
        return seen.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
    }

    public ShardMap load() {
        return store.load();
    }
}
