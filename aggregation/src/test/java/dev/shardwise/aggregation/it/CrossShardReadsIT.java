package dev.shardwise.aggregation.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.aggregation.Aggregate;
import dev.shardwise.aggregation.AggregateShape;
import dev.shardwise.aggregation.CrossShardReads;
import dev.shardwise.aggregation.FanOutExecutor;
import dev.shardwise.aggregation.FanOutOptions;
import dev.shardwise.aggregation.FanOutResult;
import dev.shardwise.aggregation.KeysetCursor;
import dev.shardwise.aggregation.MergedRow;
import dev.shardwise.aggregation.Page;
import dev.shardwise.aggregation.Row;
import dev.shardwise.aggregation.SelectShape;
import dev.shardwise.aggregation.SortKey;
import dev.shardwise.aggregation.it.ItemsDeployment.Item;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.routing.RoutePlan;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every merge on the real fleet equals the same computation over all inserted rows in memory
 * (the oracle), over seeded random data and randomized query parameters.
 */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossShardReadsIT {

    private static final FanOutOptions OPTIONS = FanOutOptions.defaults().withDeadline(Duration.ofSeconds(10));
    private static final Comparator<UUID> PG_UUID = Comparator.comparing(UUID::toString);
    /** score DESC, created_at ASC, id ASC — the oracle's own comparator, independent of the merge's. */
    private static final Comparator<Item> BY_SCORE = Comparator.comparingInt(Item::score).reversed()
            .thenComparing(Item::createdAt).thenComparing(Item::id, PG_UUID);

    private ItemsDeployment deployment;
    private Router router;
    private FanOutExecutor executor;
    private CrossShardReads reads;

    @BeforeAll
    void setUp(Fleet fleet) {
        deployment = new ItemsDeployment(fleet, 16);
        router = deployment.router(List.of());
        deployment.fill(router, 42, 60, 900);
        executor = new FanOutExecutor(router);
        reads = new CrossShardReads(executor, new KeysetCursor("0123456789abcdef0123456789abcdef".getBytes()));
    }

    @AfterAll
    void tearDown() {
        executor.close();
        router.close();
    }

    private RoutePlan scatter() {
        return router.scatter(deployment.keyspace);
    }

    private static SelectShape byScore(String where, SqlParams params) {
        return new SelectShape("items", List.of("id", "workspace_id"), where, params,
                List.of(SortKey.desc("score"), SortKey.asc("created_at"), SortKey.asc("id")));
    }

    @Test
    void topNWithHiddenSortKeysEqualsTheOracle() {
        Random random = new Random(7);
        for (int round = 0; round < 12; round++) {
            int limit = 1 + random.nextInt(60);
            int floor = random.nextInt(-25, 40);
            FanOutResult<List<Row>> result = reads.topN(scatter(), byScore("score >= :bound", SqlParams.of("bound", floor)), limit, OPTIONS);

            List<UUID> expected = deployment.items.stream().filter(it -> it.score() >= floor).sorted(BY_SCORE)
                    .limit(limit).map(Item::id).toList();
            assertThat(result.complete()).isTrue();
            assertThat(result.value()).extracting(r -> r.get("id").orElseThrow()).as("limit %d floor %d", limit, floor)
                    .containsExactlyElementsOf(expected);
            assertThat(result.value()).allSatisfy(r -> {
                assertThat(r.columns().keySet()).as("hidden sort columns dropped").containsExactly("id", "workspace_id");
                assertThat(r.shard()).isEqualTo(shardOf((UUID) r.get("workspace_id").orElseThrow()));
            });
        }
    }

    @Test
    void textSortKeysMergeBytewiseWithNullsLast() {
        var shape = new SelectShape("items", List.of("id", "grp"), "", SqlParams.none(),
                List.of(SortKey.asc("grp").text(), SortKey.desc("id")));
        Comparator<Item> oracle = Comparator.comparing(Item::grp, Comparator.nullsLast(Comparator.<String>naturalOrder()))
                .thenComparing(Comparator.comparing(Item::id, PG_UUID).reversed());
        for (int limit : new int[] {1, 50, 400, 2000}) {
            var result = reads.topN(scatter(), shape, limit, OPTIONS);
            assertThat(result.value()).extracting(r -> r.get("id").orElseThrow()).as("limit %d", limit)
                    .containsExactlyElementsOf(deployment.items.stream().sorted(oracle).limit(limit).map(Item::id).toList());
        }
    }

    @Test
    void keysetWalksWithSmallPagesHaveNoGapsOrDuplicates() {
        var shapes = Map.of(
                byScore("", SqlParams.none()), deployment.items.stream().sorted(BY_SCORE).map(Item::id).toList(),
                new SelectShape("items", List.of("id"), "", SqlParams.none(),
                        List.of(SortKey.desc("created_at"), SortKey.desc("id"))),
                deployment.items.stream().sorted(Comparator.comparing(Item::createdAt).thenComparing(Item::id, PG_UUID)
                        .reversed()).map(Item::id).toList());
        for (int pageSize : new int[] {1, 7, 64}) {
            shapes.forEach((shape, expected) -> {
                List<Object> walked = new ArrayList<>();
                Optional<String> cursor = Optional.empty();
                int pages = 0;
                do {
                    Page page = reads.page(scatter(), shape, pageSize, cursor, OPTIONS).value();
                    assertThat(page.rows().size()).isLessThanOrEqualTo(pageSize);
                    page.rows().forEach(r -> walked.add(r.get("id").orElseThrow()));
                    cursor = page.next();
                    pages++;
                } while (cursor.isPresent() && pages <= expected.size() + 1);
                assertThat(walked).as("page size %d", pageSize).containsExactlyElementsOf(expected);
            });
        }
    }

    /**
     * {@code grp} is nullable: a plain {@code grp > ?} keyset predicate skips every NULL row, and a
     * page ending on a NULL could not be resumed. NULLs sort last ascending and first descending.
     */
    @Test
    void keysetWalksOverANullableSortKeyKeepTheNullRows() {
        Comparator<String> bytewise = Comparator.comparing(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.util.Arrays::compareUnsigned);
        assertThat(deployment.items).as("the data must hold NULL groups for this test to mean anything")
                .anyMatch(it -> it.grp() == null);
        var shapes = Map.of(
                new SelectShape("items", List.of("id"), "", SqlParams.none(), List.of(SortKey.asc("grp").text(), SortKey.desc("id"))),
                deployment.items.stream().sorted(Comparator.comparing(Item::grp, Comparator.nullsLast(bytewise))
                        .thenComparing(Comparator.comparing(Item::id, PG_UUID).reversed())).map(Item::id).toList(),
                new SelectShape("items", List.of("id"), "", SqlParams.none(), List.of(SortKey.desc("grp").text(), SortKey.asc("id"))),
                deployment.items.stream().sorted(Comparator.comparing(Item::grp, Comparator.nullsFirst(bytewise.reversed()))
                        .thenComparing(Item::id, PG_UUID)).map(Item::id).toList());
        for (int pageSize : new int[] {1, 7, 64}) {
            shapes.forEach((shape, expected) -> {
                List<Object> walked = new ArrayList<>();
                Optional<String> cursor = Optional.empty();
                int pages = 0;
                do {
                    Page page = reads.page(scatter(), shape, pageSize, cursor, OPTIONS).value();
                    page.rows().forEach(r -> walked.add(r.get("id").orElseThrow()));
                    cursor = page.next();
                    pages++;
                } while (cursor.isPresent() && pages <= expected.size() + 1);
                assertThat(walked).as("%s, page size %d", shape.order(), pageSize).containsExactlyElementsOf(expected);
            });
        }
    }

    @Test
    void cursorsAreTamperEvidentAndBoundToTheirQuery() {
        SelectShape shape = byScore("", SqlParams.none());
        String cursor = reads.page(scatter(), shape, 5, Optional.empty(), OPTIONS).value().next().orElseThrow();
        char flipped = cursor.charAt(3) == 'A' ? 'B' : 'A';
        String tampered = cursor.substring(0, 3) + flipped + cursor.substring(4);

        assertThatThrownBy(() -> reads.page(scatter(), shape, 5, Optional.of(tampered), OPTIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cursor");
        assertThatThrownBy(() -> reads.page(scatter(), byScore("score > :bound", SqlParams.of("bound", 3)), 5, Optional.of(cursor), OPTIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cursor");
        assertThat(reads.page(scatter(), shape, 5, Optional.of(cursor), OPTIONS).value().rows()).hasSize(5);
    }

    @Test
    void groupedAggregatesEqualTheOracle() {
        Random random = new Random(11);
        for (int round = 0; round < 6; round++) {
            int floor = random.nextInt(-25, 40);
            var shape = new AggregateShape("items", List.of("grp"), List.of(
                    Aggregate.countAll("n"),
                    Aggregate.of(Aggregate.Function.SUM, "score", "total"),
                    Aggregate.of(Aggregate.Function.MIN, "score", "lowest"),
                    Aggregate.of(Aggregate.Function.MAX, "created_at", "latest"),
                    Aggregate.of(Aggregate.Function.AVG, "score", "mean")), "score >= :bound", SqlParams.of("bound", floor));

            List<MergedRow> rows = reads.aggregate(scatter(), shape, OPTIONS).value();

            Map<String, List<Item>> groups = deployment.items.stream().filter(it -> it.score() >= floor)
                    .collect(Collectors.groupingBy(it -> Objects.requireNonNullElse(it.grp(), "<null>")));
            assertThat(rows).hasSize(groups.size());
            for (MergedRow row : rows) {
                List<Item> group = groups.get((String) row.get("grp").orElse("<null>"));
                assertThat(group).as("group %s", row.get("grp")).isNotNull();
                long sum = group.stream().mapToLong(Item::score).sum();
                assertThat(row.get("n")).contains((long) group.size());
                assertThat((BigDecimal) row.get("total").orElseThrow()).isEqualByComparingTo(BigDecimal.valueOf(sum));
                assertThat(row.get("lowest")).contains(group.stream().mapToInt(Item::score).min().orElseThrow());
                assertThat(((java.time.OffsetDateTime) row.get("latest").orElseThrow()).toInstant())
                        .isEqualTo(group.stream().map(it -> it.createdAt().toInstant()).max(Comparator.naturalOrder()).orElseThrow());
                assertThat((BigDecimal) row.get("mean").orElseThrow()).isEqualByComparingTo(
                        BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(group.size()), MathContext.DECIMAL128));
            }
        }
    }

    @Test
    void ungroupedAggregatesCoverEmptyResultsToo() {
        var shape = new AggregateShape("items", List.of(), List.of(Aggregate.countAll("n"),
                Aggregate.of(Aggregate.Function.SUM, "score", "total"), Aggregate.of(Aggregate.Function.MAX, "score", "top")),
                "score > :bound", SqlParams.of("bound", 1000));
        MergedRow none = reads.aggregate(scatter(), shape, OPTIONS).value().getFirst();
        assertThat(none.get("n")).contains(0L);
        assertThat(none.get("total")).isEmpty();
        assertThat(none.get("top")).isEmpty();

        var all = new AggregateShape("items", List.of(), List.of(Aggregate.countAll("n"),
                Aggregate.of(Aggregate.Function.COUNT, "grp", "with_grp")), "", SqlParams.none());
        MergedRow row = reads.aggregate(scatter(), all, OPTIONS).value().getFirst();
        assertThat(row.get("n")).contains((long) deployment.items.size());
        assertThat(row.get("with_grp")).contains(deployment.items.stream().filter(it -> it.grp() != null).count());
    }

    @Test
    void distinctEqualsTheOracle() {
        List<MergedRow> groups = reads.distinct(scatter(), "items", List.of("grp", "score"), "score < :bound", SqlParams.of("bound", 0),
                OPTIONS).value();
        var expected = deployment.items.stream().filter(it -> it.score() < 0)
                .map(it -> Objects.requireNonNullElse(it.grp(), "<null>") + "/" + it.score()).distinct().sorted().toList();
        assertThat(groups.stream().map(r -> r.get("grp").orElse("<null>") + "/" + r.get("score").orElseThrow()).sorted())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void targetedFanOutReadsOnlyTheRoutedShards() {
        List<UUID> workspaces = deployment.items.stream().map(Item::workspaceId).distinct().limit(3).toList();
        RoutePlan plan = router.route(deployment.keyspace, workspaces.stream().map(ShardKey::of).toList());
        Predicate<Item> chosen = it -> workspaces.contains(it.workspaceId());

        var result = reads.topN(plan, byScore("workspace_id = ANY(:workspaces)",
                SqlParams.none().withUuids("workspaces", workspaces)), 1000, OPTIONS);

        assertThat(result.value()).extracting(r -> r.get("id").orElseThrow())
                .containsExactlyElementsOf(deployment.items.stream().filter(chosen).sorted(BY_SCORE).map(Item::id).toList());
        assertThat(result.value()).extracting(Row::shard).isSubsetOf(plan.destinations().stream().map(d -> d.shard()).toList());
    }

    @Test
    void bufferedRowsAreCapped() {
        var shape = new SelectShape("items", List.of("id"), "", SqlParams.none(), List.of(SortKey.asc("id")));
        assertThatThrownBy(() -> reads.topN(scatter(), shape, 500, OPTIONS.withMaxBufferedRows(100)))
                .isInstanceOf(dev.shardwise.aggregation.RowLimitExceededException.class).hasMessageContaining("100 rows");
    }

    private ShardId shardOf(UUID workspace) {
        return router.route(deployment.keyspace, List.of(ShardKey.of(workspace))).destinations().getFirst().shard();
    }
}
