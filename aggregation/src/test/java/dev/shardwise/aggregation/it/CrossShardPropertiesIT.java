package dev.shardwise.aggregation.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.shardwise.routing.exec.Router;
import dev.shardwise.shardmap.testing.Fleet;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.Store;

/**
 * Property-based checks of every cross-shard merge on the real fleet: each try empties the
 * {@code items} tables, fills them with a generated number of random rows (generated seed), and
 * compares the merged answer with the same computation over the inserted rows in memory (the oracle).
 *
 * <p>jqwik does not run JUnit extensions, so the fleet and the deployment live in a jqwik
 * {@link Store} created before the container and closed after it.
 */
class CrossShardPropertiesIT {

    private static final String FIXTURE = "cross-shard-properties";
    private static final FanOutOptions OPTIONS = FanOutOptions.defaults().withDeadline(Duration.ofSeconds(10));
    /** PostgreSQL orders uuid bytewise, which is the order of the lowercase hex text. */
    private static final Comparator<UUID> PG_UUID = Comparator.comparing(UUID::toString);
    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    /** The query orders the properties draw from, each with the oracle's own comparator. */
    enum Ordering {
        /** Sort keys score and created_at are not in the projection. */
        SCORE_DESC(List.of(SortKey.desc("score"), SortKey.asc("created_at"), SortKey.asc("id")),
                Comparator.comparingInt(Item::score).reversed().thenComparing(Item::createdAt)
                        .thenComparing(Item::id, PG_UUID)),
        NEWEST_FIRST(List.of(SortKey.desc("created_at"), SortKey.desc("id")),
                Comparator.comparing(Item::createdAt).thenComparing(Item::id, PG_UUID).reversed()),
        /** Mixed directions. */
        MIXED(List.of(SortKey.asc("score"), SortKey.desc("created_at"), SortKey.asc("id")),
                Comparator.comparingInt(Item::score).thenComparing(Comparator.comparing(Item::createdAt).reversed())
                        .thenComparing(Item::id, PG_UUID)),
        /**
         * A nullable text key, compared bytewise with NULLs last. Top-N only: keyset paging requires
         * NOT NULL sort keys (SelectShape's contract).
         */
        GROUP_TEXT(List.of(SortKey.asc("grp").text(), SortKey.desc("score"), SortKey.asc("id")),
                Comparator.comparing(Item::grp, NULLS_LAST).thenComparing(Comparator.comparingInt(Item::score).reversed())
                        .thenComparing(Item::id, PG_UUID));

        final List<SortKey> keys;
        final Comparator<Item> oracle;

        Ordering(List<SortKey> keys, Comparator<Item> oracle) {
            this.keys = keys;
            this.oracle = oracle;
        }
    }

    /** The orderings whose sort keys are all NOT NULL, as keyset paging requires. */
    @Provide
    Arbitrary<Ordering> pageableOrderings() {
        return Arbitraries.of(Ordering.SCORE_DESC, Ordering.NEWEST_FIRST, Ordering.MIXED);
    }

    /** The fleet-side state shared by every try; closed when the container ends. */
    private record Fixture(ItemsDeployment deployment, Router router, FanOutExecutor executor, CrossShardReads reads)
            implements Store.CloseOnReset {

        static Fixture open() {
            var deployment = new ItemsDeployment(Fleet.up(), 16);
            Router router = deployment.router(List.of());
            var executor = new FanOutExecutor(router);
            return new Fixture(deployment, router, executor,
                    new CrossShardReads(executor, new KeysetCursor("properties-cursor-key-0123456789".getBytes())));
        }

        @Override
        public void close() {
            executor.close();
            router.close();
        }
    }

    @BeforeContainer
    static void openFleet() {
        Store.create(FIXTURE, Lifespan.RUN, Fixture::open).get();
    }

    @AfterContainer
    static void closeFleet() {
        Store.<Fixture>get(FIXTURE).get().close();
    }

    private static Fixture fixture() {
        return Store.<Fixture>get(FIXTURE).get();
    }

    /** Replaces every row with {@code size} fresh random rows over {@code workspaces} workspaces. */
    private static List<Item> reset(long seed, int workspaces, int size) {
        Fixture f = fixture();
        f.deployment().clear();
        f.deployment().fill(f.router(), seed, workspaces, size);
        return List.copyOf(f.deployment().items);
    }

    private static RoutePlan scatter() {
        return fixture().router().scatter(fixture().deployment().keyspace);
    }

    private static SelectShape select(Ordering ordering, int floor) {
        return new SelectShape("items", List.of("id"), "score >= :bound", SqlParams.of("bound", floor), ordering.keys);
    }

    @Property(tries = 20)
    void topNEqualsTheOracle(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int workspaces,
                             @ForAll @IntRange(max = 250) int size, @ForAll @IntRange(min = 1, max = 80) int limit,
                             @ForAll @IntRange(min = -25, max = 40) int floor, @ForAll Ordering ordering) {
        List<Item> rows = reset(seed, workspaces, size);

        FanOutResult<List<Row>> result = fixture().reads().topN(scatter(), select(ordering, floor), limit, OPTIONS);

        assertThat(result.complete()).isTrue();
        assertThat(result.value()).extracting(r -> r.get("id").orElseThrow())
                .containsExactlyElementsOf(rows.stream().filter(it -> it.score() >= floor).sorted(ordering.oracle)
                        .limit(limit).map(Item::id).toList());
        assertThat(result.value()).allSatisfy(r ->
                assertThat(r.columns().keySet()).as("hidden sort keys dropped").containsExactly("id"));
    }

    @Property(tries = 15)
    void keysetWalkWithSmallPagesHasNoGapsOrDuplicates(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int workspaces, @ForAll @IntRange(max = 90) int size,
            @ForAll @IntRange(min = 1, max = 9) int pageSize, @ForAll @IntRange(min = -25, max = 40) int floor,
            @ForAll("pageableOrderings") Ordering ordering) {
        List<Item> rows = reset(seed, workspaces, size);
        List<UUID> expected = rows.stream().filter(it -> it.score() >= floor).sorted(ordering.oracle).map(Item::id).toList();
        SelectShape shape = select(ordering, floor);

        List<Object> walked = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page page = fixture().reads().page(scatter(), shape, pageSize, cursor, OPTIONS).value();
            assertThat(page.rows().size()).isLessThanOrEqualTo(pageSize);
            assertThat(page.next().isEmpty() || page.rows().size() == pageSize).as("only the last page is short").isTrue();
            page.rows().forEach(r -> walked.add(r.get("id").orElseThrow()));
            cursor = page.next();
            pages++;
        } while (cursor.isPresent() && pages <= expected.size() + 1);

        assertThat(walked).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
        // The page after a full page is fetched only when a further row exists, so no empty last page.
        assertThat(pages).as("pages walked").isEqualTo(Math.max(1, (expected.size() + pageSize - 1) / pageSize));
    }

    @Property(tries = 20)
    void aggregatesEqualTheOracle(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int workspaces,
                                  @ForAll @IntRange(max = 250) int size, @ForAll @IntRange(min = -25, max = 45) int floor,
                                  @ForAll boolean grouped) {
        List<Item> rows = reset(seed, workspaces, size);
        var shape = new AggregateShape("items", grouped ? List.of("grp") : List.of(), List.of(
                Aggregate.countAll("n"),
                Aggregate.of(Aggregate.Function.COUNT, "grp", "with_grp"),
                Aggregate.of(Aggregate.Function.SUM, "score", "total"),
                Aggregate.of(Aggregate.Function.MIN, "score", "lowest"),
                Aggregate.of(Aggregate.Function.MAX, "created_at", "latest"),
                Aggregate.of(Aggregate.Function.AVG, "score", "mean")), "score >= :bound", SqlParams.of("bound", floor));

        List<MergedRow> merged = fixture().reads().aggregate(scatter(), shape, OPTIONS).value();

        List<Item> matching = rows.stream().filter(it -> it.score() >= floor).toList();
        Function<Item, String> key = grouped ? it -> Objects.requireNonNullElse(it.grp(), "<null>") : it -> "<all>";
        Map<String, List<Item>> groups = matching.stream().collect(Collectors.groupingBy(key));
        if (!grouped) {
            // Without GROUP BY there is exactly one row, even over no rows at all.
            groups = Map.of("<all>", matching);
        }
        assertThat(merged).hasSize(groups.size());
        for (MergedRow row : merged) {
            String name = grouped ? (String) row.get("grp").orElse("<null>") : "<all>";
            List<Item> group = groups.get(name);
            assertThat(group).as("group %s", name).isNotNull();
            assertThat(row.get("n")).as("COUNT(*) of %s", name).contains((long) group.size());
            assertThat(row.get("with_grp")).as("COUNT(grp) of %s", name)
                    .contains(group.stream().filter(it -> it.grp() != null).count());
            if (group.isEmpty()) {
                assertThat(row.get("total")).isEmpty();
                assertThat(row.get("lowest")).isEmpty();
                assertThat(row.get("latest")).isEmpty();
                assertThat(row.get("mean")).isEmpty();
                continue;
            }
            long sum = group.stream().mapToLong(Item::score).sum();
            assertThat((BigDecimal) row.get("total").orElseThrow()).as("SUM of %s", name)
                    .isEqualByComparingTo(BigDecimal.valueOf(sum));
            assertThat(row.get("lowest")).as("MIN of %s", name)
                    .contains(group.stream().mapToInt(Item::score).min().orElseThrow());
            assertThat(((OffsetDateTime) row.get("latest").orElseThrow()).toInstant()).as("MAX of %s", name)
                    .isEqualTo(group.stream().map(it -> it.createdAt().toInstant()).max(Comparator.naturalOrder()).orElseThrow());
            assertThat((BigDecimal) row.get("mean").orElseThrow()).as("AVG of %s", name).isEqualByComparingTo(
                    BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(group.size()), MathContext.DECIMAL128));
        }
    }

    @Property(tries = 20)
    void distinctEqualsTheOracle(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int workspaces,
                                 @ForAll @IntRange(max = 250) int size, @ForAll @IntRange(min = -25, max = 45) int ceiling,
                                 @ForAll boolean withScore) {
        List<Item> rows = reset(seed, workspaces, size);
        List<String> columns = withScore ? List.of("grp", "score") : List.of("grp");

        List<MergedRow> merged = fixture().reads().distinct(scatter(), "items", columns, "score < :bound", SqlParams.of("bound", ceiling),
                OPTIONS).value();

        Function<Item, String> oracleKey = withScore
                ? it -> Objects.requireNonNullElse(it.grp(), "<null>") + "/" + it.score()
                : it -> Objects.requireNonNullElse(it.grp(), "<null>");
        Function<MergedRow, String> mergedKey = withScore
                ? r -> r.get("grp").orElse("<null>") + "/" + r.get("score").orElseThrow()
                : r -> String.valueOf(r.get("grp").orElse("<null>"));
        assertThat(merged.stream().map(mergedKey)).as("one row per distinct tuple").doesNotHaveDuplicates();
        assertThat(merged.stream().map(mergedKey).sorted())
                .containsExactlyElementsOf(rows.stream().filter(it -> it.score() < ceiling).map(oracleKey)
                        .distinct().sorted().toList());
    }
}
