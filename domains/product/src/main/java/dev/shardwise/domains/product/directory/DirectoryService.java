package dev.shardwise.domains.product.directory;

import dev.shardwise.aggregation.ShardReads;
import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.DirectoryApi;
import dev.shardwise.domains.product.api.Keys.InvitationKey;
import dev.shardwise.domains.product.api.Keys.WorkspaceKey;
import dev.shardwise.domains.product.api.Limits;
import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.api.Views.UserWorkspaceView;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.content.InvitationRows;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.routing.replica.SessionToken;
import dev.shardwise.shardmap.KeyspaceName;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "My workspaces" and "my invitations". My workspaces: one keyset page of the caller's reverse
 * index {@code user_workspaces}, read from their identity shard (newest join first), joined with
 * the workspaces themselves, read with ONE statement per content shard involved. Both reads may be
 * served by replicas with read-your-writes (the caller's session): the caller's own new workspace
 * is always listed, while changes made by others may appear after a replica's replay lag.
 *
 * <p>Invitations work the same way: the reverse index {@code pending_invitations} on the identity
 * shard, then the invitations themselves (with their workspace's name) on the content shards.
 *
 * <p>The content domain's memberships are the source of truth and the index follows them
 * asynchronously, so an entry whose workspace no longer exists is left out (and logged); the page
 * is then topped up from further entries so a page is only short at the end of the list. Routing
 * failures (a shard unavailable) reach the caller as {@link dev.shardwise.routing.error.RoutingException}s.
 */
public final class DirectoryService implements DirectoryApi {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryService.class);
    // Top-up reads after dropped entries; dangling entries are rare, so this bounds a pathological case.
    private static final int MAX_READS = 4;

    private static final String ENTRIES_HEAD = "SELECT workspace_id, role, joined_at FROM user_workspaces"
            + " WHERE user_id = :user";
    private static final String ENTRIES_TAIL = " ORDER BY joined_at DESC, workspace_id DESC LIMIT :limit";
    private static final NamedSql ENTRIES = NamedSql.of(ENTRIES_HEAD + ENTRIES_TAIL);
    private static final NamedSql ENTRIES_AFTER = NamedSql.of(
            ENTRIES_HEAD + " AND (joined_at, workspace_id) < (:after_at, :after_id)" + ENTRIES_TAIL);
    private static final String PENDING_HEAD = "SELECT workspace_id, invited_at FROM pending_invitations"
            + " WHERE user_id = :user";
    private static final String PENDING_TAIL = " ORDER BY invited_at DESC, workspace_id DESC LIMIT :limit";
    private static final NamedSql PENDING = NamedSql.of(PENDING_HEAD + PENDING_TAIL);
    private static final NamedSql PENDING_AFTER = NamedSql.of(
            PENDING_HEAD + " AND (invited_at, workspace_id) < (:after_at, :after_id)" + PENDING_TAIL);
    private static final NamedSql INVITATIONS = NamedSql.of("SELECT " + InvitationRows.COLUMNS + " FROM invitations i"
            + " JOIN workspaces w ON w.workspace_id = i.workspace_id WHERE i.workspace_id = ANY(:ids)"
            + " AND i.invitee_id = :user AND i.expires_at > :now");
    private static final NamedSql WORKSPACES = NamedSql.of(
            "SELECT workspace_id, name, created_at, created_by FROM workspaces WHERE workspace_id = ANY(:ids)");

    private final ShardReads reads;
    private final KeyspaceName identity;
    private final KeyspaceName content;
    private final Clock clock;

    /** One entry of the reverse index. */
    private record Entry(UUID workspaceId, Role role, Instant joinedAt) {
        WorkspaceKey key() {
            return new WorkspaceKey(joinedAt, workspaceId);
        }
    }

    /** One entry of the invitations index. */
    private record Pending(UUID workspaceId, Instant invitedAt) {
        InvitationKey key() {
            return new InvitationKey(invitedAt, workspaceId);
        }
    }

    /** {@code clock} tells which invitations have expired. */
    public DirectoryService(ProductData data, Clock clock) {
        this.reads = Objects.requireNonNull(data, "data").reads();
        this.identity = data.domains().identityKeyspace();
        this.content = data.domains().contentKeyspace();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Slice<UserWorkspaceView> myWorkspaces(Caller caller, int first, Optional<WorkspaceKey> after) {
        Objects.requireNonNull(caller, "caller");
        return toppedUp(first, after, (limit, at) -> entries(caller, limit, at), Entry::key,
                page -> withWorkspaces(caller, page));
    }

    @Override
    public Slice<InvitationView> myInvitations(Caller caller, int first, Optional<InvitationKey> after) {
        Objects.requireNonNull(caller, "caller");
        return toppedUp(first, after, (limit, at) -> pending(caller, limit, at), Pending::key,
                page -> withInvitations(caller, page));
    }

    /**
     * One page of a reverse index's entries resolved against the content shards: entries the
     * content side no longer confirms are dropped, and the page is topped up from further entries,
     * so it is only short at the end of the list.
     */
    private static <E, K, T> Slice<T> toppedUp(int first, Optional<K> after,
                                              BiFunction<Integer, Optional<K>, List<E>> read, Function<E, K> key,
                                              Function<List<E>, List<T>> resolve) {
        Objects.requireNonNull(after, "after");
        int size = Limits.first(first);
        List<T> items = new ArrayList<>();
        Optional<K> position = after;
        boolean hasNext = false;
        for (int round = 0; round < MAX_READS && items.size() < size; round++) {
            int wanted = size - items.size();
            List<E> entries = read.apply(wanted + 1, position);
            hasNext = entries.size() > wanted;
            List<E> page = entries.subList(0, Math.min(wanted, entries.size()));
            items.addAll(resolve.apply(page));
            if (!hasNext) {
                break;
            }
            position = Optional.of(key.apply(page.getLast()));
        }
        return new Slice<>(items, hasNext);
    }

    private List<Entry> entries(Caller caller, int limit, Optional<WorkspaceKey> after) {
        SqlParams params = after.map(k -> SqlParams.of("after_at", k.joinedAt(), "after_id", k.workspaceId()))
                .orElse(SqlParams.none()).with("user", caller.userId()).with("limit", limit);
        // A replica may serve this: the caller's own index rows are written under their session
        // (DirectMembershipEvents), so a replica that has not replayed them is not used for it.
        return reads.read(Unit.read(identity, ShardKey.of(caller.userId())).servedBy(readPolicy(caller)),
                q -> q.list(after.isPresent() ? ENTRIES_AFTER : ENTRIES, params, r -> new Entry(r.uuid("workspace_id"),
                        r.enumValue(Role.class, "role"), r.instant("joined_at"))));
    }

    /** The entries' workspaces, in the entries' order, without entries whose workspace is gone. */
    private List<UserWorkspaceView> withWorkspaces(Caller caller, List<Entry> entries) {
        Map<UUID, WorkspaceView> found = reads.perShard(content, entries.stream().map(Entry::workspaceId).toList(),
                ShardKey::of, readPolicy(caller), (q, ids) -> {
                    Map<UUID, WorkspaceView> out = new HashMap<>();
                    // Workspace rows may come from a replica that has replayed at least the caller's own writes.
                    q.each(WORKSPACES, SqlParams.none().withUuids("ids", ids), r -> out.put(r.uuid("workspace_id"),
                            new WorkspaceView(r.uuid("workspace_id"), r.text("name"), r.instant("created_at"),
                                    r.uuid("created_by"))));
                    return out;
                });
        List<UserWorkspaceView> out = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            WorkspaceView workspace = found.get(entry.workspaceId());
            if (workspace == null) {
                LOG.warn("user {} lists workspace {} in user_workspaces, but the workspace does not exist;"
                        + " left out of their list", caller.userId(), entry.workspaceId());
            } else {
                out.add(new UserWorkspaceView(workspace, entry.role(), entry.joinedAt()));
            }
        }
        return out;
    }

    private List<Pending> pending(Caller caller, int limit, Optional<InvitationKey> after) {
        SqlParams params = after.map(k -> SqlParams.of("after_at", k.invitedAt(), "after_id", k.id()))
                .orElse(SqlParams.none()).with("user", caller.userId()).with("limit", limit);
        return reads.read(Unit.read(identity, ShardKey.of(caller.userId())).servedBy(readPolicy(caller)),
                q -> q.list(after.isPresent() ? PENDING_AFTER : PENDING, params, r -> new Pending(r.uuid("workspace_id"),
                        r.instant("invited_at"))));
    }

    /**
     * The entries' invitations as the content shards hold them, in the entries' order: an entry
     * whose invitation ended or expired (the index follows asynchronously) is left out.
     */
    private List<InvitationView> withInvitations(Caller caller, List<Pending> entries) {
        Instant now = clock.instant();
        Map<UUID, InvitationView> open = reads.perShard(content, entries.stream().map(Pending::workspaceId).toList(),
                ShardKey::of, readPolicy(caller), (q, ids) -> {
                    Map<UUID, InvitationView> out = new HashMap<>();
                    q.each(INVITATIONS, SqlParams.of("user", caller.userId(), "now", now).withUuids("ids", ids),
                            r -> out.put(r.uuid("workspace_id"), InvitationRows.view(r)));
                    return out;
                });
        return entries.stream().map(e -> open.get(e.workspaceId())).filter(Objects::nonNull).toList();
    }

    /** Replicas allowed, but never behind the caller's own session (the same token its writes record). */
    private static ReadPolicy readPolicy(Caller caller) {
        return ReadPolicy.session(caller.readSession());
    }


}
