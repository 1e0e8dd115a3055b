package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.ShardReads.ShardBatch;
import dev.shardwise.aggregation.ShardReads.ShardRead;
import dev.shardwise.aggregation.ShardReads;
import dev.shardwise.domains.platform.orm.SessionWork;
import dev.shardwise.domains.platform.orm.ShardedSessions;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.routing.replica.SessionToken;
import dev.shardwise.shardmap.KeyspaceName;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The content keyspace as the service uses it: one unit of work with a Hibernate session per call
 * on the workspace's shard, or, for batches and lists, one named-SQL read per shard involved
 * ({@link ShardReads}). Also the service's clock and ids.
 */
record ContentShards(ShardedSessions sessions, ShardReads reads, KeyspaceName keyspace, Clock clock, UuidV7 ids) {

    /** Now, at Postgres' microsecond precision, so returned values equal the stored ones. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    UUID newId() {
        return ids.next();
    }

    /**
     * Runs {@code work} in one fenced transaction on the workspace's shard, recording its commit
     * position under the caller's session so the caller's later reads see it.
     */
    <T> T write(Caller caller, UUID workspaceId, SessionWork<T> work) {
        return sessions.run(Unit.write(keyspace, ShardKey.of(workspaceId)).forSession(session(caller)), work);
    }

    /**
     * Runs {@code work} in autocommit mode on the workspace's shard; a replica may serve it when it
     * has replayed at least the caller's own writes (read-your-writes).
     */
    <T> T read(Caller caller, UUID workspaceId, SessionWork<T> work) {
        return sessions.run(Unit.read(keyspace, ShardKey.of(workspaceId)).servedBy(readPolicy(caller)), work);
    }

    /** Runs the named-SQL {@code read} on the workspace's shard, served like {@link #read}. */
    <T> T readRows(Caller caller, UUID workspaceId, ShardRead<T> read) {
        return reads.read(Unit.read(keyspace, ShardKey.of(workspaceId)).servedBy(readPolicy(caller)), read);
    }

    /** Runs {@code work} on the workspace shard's primary: the latest committed state, whoever wrote it. */
    <T> T readLatest(UUID workspaceId, SessionWork<T> work) {
        return sessions.run(Unit.read(keyspace, ShardKey.of(workspaceId)), work);
    }

    /** The caller's session as the router's read-your-writes token. */
    static SessionToken session(Caller caller) {
        return caller.readSession();
    }

    /** Reads for a caller: replicas allowed, but never behind the caller's own writes. */
    static ReadPolicy readPolicy(Caller caller) {
        return ReadPolicy.session(session(caller));
    }

    /**
     * Groups {@code items} by the shard of their workspace and runs {@code batch} once per shard,
     * each with that shard's items (duplicates removed), read for the caller; merges the results.
     */
    <K, R> Map<K, R> readBatch(Caller caller, Collection<K> items, Function<K, UUID> workspaceOf, ShardBatch<K, R> batch) {
        return reads.perShard(keyspace, items, item -> ShardKey.of(workspaceOf.apply(item)), readPolicy(caller), batch);
    }
}
