package dev.shardwise.domains.product.search;

import dev.shardwise.aggregation.ClusterSql;
import dev.shardwise.aggregation.FanOutExecutor;
import dev.shardwise.aggregation.FanOutOptions;
import dev.shardwise.aggregation.FanOutResult;
import dev.shardwise.aggregation.Row;
import dev.shardwise.aggregation.ShardReads;
import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.model.content.BlockType;
import dev.shardwise.routing.Destination;
import dev.shardwise.routing.RoutePlan;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.replica.ReadPolicy;
import dev.shardwise.routing.replica.SessionToken;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Full-text-ish search (case-insensitive substring, {@code ILIKE} with {@code %}/{@code _} escaped)
 * over the pages (title) and blocks (text) of every workspace the caller belongs to.
 *
 * <p>Contract: the caller's workspaces come from their identity shard's reverse index (all of
 * them: a cap would let anyone who can add the caller to workspaces push the caller's own
 * workspaces out of their search), read under the caller's session (a replica only once it has replayed the
 * caller's own index writes); each hit is re-checked against the content shard's memberships, the
 * source of truth, so a stale index entry never leaks a workspace. The workspaces are routed to
 * their content shards and ONE statement runs per physical cluster holding any of them (via the
 * aggregation {@link FanOutExecutor}), each shard branch pushing down ORDER BY + LIMIT; the
 * clusters' rows are merged newest first by {@code (created_at DESC, id DESC)}. Pagination is by
 * keyset (strictly after the given position), never OFFSET.
 *
 * <p>Partial failure: under the {@link FanOutOptions.Policy#PARTIAL PARTIAL} policy (the
 * application's choice for search) a cluster that is down or misses the deadline does not fail the
 * search: the hits of the shards that answered are returned and {@link Results#unavailable()}
 * names the shards that did not, so the caller can say the answer is incomplete. Under FAIL the
 * missing shards fail the call instead.
 */
public final class SearchService {

    private static final NamedSql WORKSPACE_IDS = NamedSql.of(
            "SELECT workspace_id FROM user_workspaces WHERE user_id = :user");
    private static final Searched PAGES = new Searched("pages", "PAGE", "t.parent_page_id", "t.title", "NULL::text",
            "NULL::bigint", "NULL::int");
    private static final Searched BLOCKS = new Searched("blocks", "BLOCK", "t.page_id", "t.text", "t.type",
            "t.position", "t.version");

    private final ShardReads reads;
    private final Router router;
    private final KeyspaceName identity;
    private final KeyspaceName content;
    private final FanOutExecutor executor;
    private final FanOutOptions options;

    /** One hit: either a page (matched on its title) or a block (matched on its text). */
    public sealed interface Hit permits PageHit, BlockHit {
        Instant createdAt();

        UUID id();
    }

    public record PageHit(PageView page) implements Hit {
        @Override
        public Instant createdAt() {
            return page.createdAt();
        }

        @Override
        public UUID id() {
            return page.id();
        }
    }

    public record BlockHit(BlockView block, Instant createdAt) implements Hit {
        @Override
        public UUID id() {
            return block.id();
        }
    }

    /** A keyset position: results strictly older than it (or equal time and a smaller id). */
    public record Position(Instant createdAt, UUID id) {
    }

    /**
     * Up to {@code first} hits and whether more follow, from the shards that answered;
     * {@code unavailable} names the shards that did not (unreachable or too slow), sorted, empty when
     * the answer is complete.
     */
    public record Results(List<Hit> hits, boolean hasNext, List<ShardId> unavailable) {
        public Results {
            hits = List.copyOf(hits);
            unavailable = List.copyOf(unavailable);
        }

        public boolean complete() {
            return unavailable.isEmpty();
        }
    }

    public SearchService(ProductData data, FanOutExecutor executor, FanOutOptions options) {
        this.reads = Objects.requireNonNull(data, "data").reads();
        this.router = data.router();
        this.identity = data.domains().identityKeyspace();
        this.content = data.domains().contentKeyspace();
        this.executor = Objects.requireNonNull(executor, "executor");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Hits for {@code text} (non-blank) in the caller's workspaces, newest first, after {@code after}.
     * The caller's workspace list may come from a replica of their identity shard, but never one
     * behind the caller's session, so a workspace the caller just created or joined is searched.
     */
    public Results search(Caller caller, String text, int first, Optional<Position> after) {
        Objects.requireNonNull(caller, "caller");
        return search(caller.userId(), readPolicy(caller), text, first, after);
    }

    private Results search(UUID userId, ReadPolicy workspaceList, String text, int first, Optional<Position> after) {
        List<UUID> workspaces = workspaceIds(userId, workspaceList);
        if (workspaces.isEmpty()) {
            return new Results(List.of(), false, List.of());
        }
        Map<ShardKey, UUID> byKey = new LinkedHashMap<>();
        workspaces.forEach(w -> byKey.put(ShardKey.of(w), w));
        RoutePlan plan = router.route(content, byKey.keySet());
        Map<Destination, List<UUID>> idsByShard = new LinkedHashMap<>();
        plan.keysByDestination().forEach((d, keys) -> idsByShard.put(d, keys.stream().map(byKey::get).toList()));
        int limit = first + 1;
        SqlParams shared = after.map(p -> SqlParams.of("after_at", p.createdAt(), "after_id", p.id()))
                .orElse(SqlParams.none()).with("pattern", "%" + escapeLike(text) + "%").with("user", userId);
        String keyset = after.isPresent() ? " AND (t.created_at, t.id) < (:after_at, :after_id)" : "";
        FanOutResult<List<List<Row>>> fanOut = executor.execute(plan, shards -> ClusterSql.unionAll("SELECT * FROM (",
                shards, d -> new ClusterSql.Branch(PAGES.branch(d, keyset, limit) + " UNION ALL "
                        + BLOCKS.branch(d, keyset, limit),
                        SqlParams.none().withUuids("ids", idsByShard.getOrDefault(d, List.of()))),
                ") AS hits ORDER BY created_at DESC, id DESC LIMIT " + limit, shared), options);
        List<ShardId> missing = Stream.concat(fanOut.unavailable().stream(), fanOut.timedOut().stream())
                .distinct().sorted().toList();
        List<Hit> merged = fanOut.value().stream().flatMap(Collection::stream).map(SearchService::hit)
                .sorted(NEWEST_FIRST).limit(limit).toList();
        boolean hasNext = merged.size() > first;
        return new Results(hasNext ? merged.subList(0, first) : merged, hasNext, missing);
    }

    /** Newest first; ties by id descending, comparing UUIDs bytewise like PostgreSQL does. */
    private static final Comparator<Hit> NEWEST_FIRST = Comparator.comparing(Hit::createdAt)
            .thenComparing(Hit::id, SearchService::compareUuids).reversed();

    static int compareUuids(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** {@code %}, {@code _} and the escape character itself match literally. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Replicas allowed, but never behind the caller's own session (the token its writes record). */
    private static ReadPolicy readPolicy(Caller caller) {
        return ReadPolicy.session(caller.readSession());
    }

    private List<UUID> workspaceIds(UUID userId, ReadPolicy policy) {
        return reads.read(Unit.read(identity, ShardKey.of(userId)).servedBy(policy), q -> q.list(WORKSPACE_IDS,
                SqlParams.of("user", userId), r -> r.uuid("workspace_id")));
    }

    /**
     * What search reads of one table: which rows' text it matches ({@code body}) and how the
     * table's columns fill the hit row shared by pages and blocks ({@code NULL} where a table has
     * no such column), so both tables' branches return the same columns and merge.
     */
    private record Searched(String table, String kind, String owner, String body, String blockType, String position,
                            String version) {

        /**
         * This table's newest {@code limit} matching rows on shard {@code d}, in workspaces {@code :ids}
         * the caller belongs to. The LIMIT is text, not a parameter, so the prepared statement keeps
         * a generic plan (see SelectShape#topN).
         */
        String branch(Destination d, String keyset, int limit) {
            String schema = ClusterSql.quoted(d.schema());
            return "(SELECT '" + kind + "' AS kind, t.id, t.workspace_id, " + owner + " AS owner_id, " + body
                    + " AS body, " + blockType + " AS block_type, " + position + " AS position, " + version
                    + " AS version, t.created_at, t.updated_at, " + d.shard().number() + " AS " + ClusterSql.SHARD_COLUMN
                    + " FROM " + schema + "." + table + " t WHERE t.workspace_id = ANY(:ids) AND " + body
                    + " ILIKE :pattern ESCAPE '\\' AND EXISTS (SELECT 1 FROM " + schema + ".memberships m"
                    + " WHERE m.workspace_id = t.workspace_id AND m.user_id = :user)" + keyset
                    + " ORDER BY t.created_at DESC, t.id DESC LIMIT " + limit + ")";
        }
    }

    private static Hit hit(Row row) {
        UUID id = (UUID) row.get("id").orElseThrow();
        UUID workspace = (UUID) row.get("workspace_id").orElseThrow();
        Optional<UUID> owner = row.get("owner_id").map(UUID.class::cast);
        String body = (String) row.get("body").orElseThrow();
        Instant created = ((OffsetDateTime) row.get("created_at").orElseThrow()).toInstant();
        Instant updated = ((OffsetDateTime) row.get("updated_at").orElseThrow()).toInstant();
        if ("PAGE".equals(row.get("kind").orElseThrow())) {
            return new PageHit(new PageView(id, workspace, owner, body, created, updated));
        }
        BlockView block = new BlockView(id, workspace, owner.orElseThrow(),
                BlockType.valueOf((String) row.get("block_type").orElseThrow()),
                body, ((Number) row.get("position").orElseThrow()).longValue(),
                ((Number) row.get("version").orElseThrow()).intValue());
        return new BlockHit(block, created);
    }
}
