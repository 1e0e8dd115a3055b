package dev.shardwise.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-memory halves of the merges: value order, k-way merge and cursors, against simple oracles. */
class MergeUnitTest {

    private static final ShardId SHARD = new ShardId(KeyspaceName.of("t"), 0);

    @Test
    void uuidsOrderAsUnsignedBytesLikePostgres() {
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            UUID a = new UUID(random.nextLong(), random.nextLong());
            UUID b = new UUID(random.nextLong(), random.nextLong());
            // Lower-case hex text order is byte order, which is how PostgreSQL compares uuids.
            assertThat(Integer.signum(ValueOrder.compare(a, b))).isEqualTo(Integer.signum(a.toString().compareTo(b.toString())));
        }
    }

    @Test
    void numbersCompareByValueAndNullsSortLast() {
        assertThat(ValueOrder.compare(2, 10L)).isNegative();
        assertThat(ValueOrder.compare(new BigDecimal("2.5"), 2)).isPositive();
        assertThat(ValueOrder.compare(null, 1)).isPositive();
        assertThat(ValueOrder.compare("Z", "a")).as("bytewise, as COLLATE \"C\"").isNegative();
        assertThat(ValueOrder.compare(OffsetDateTime.of(2026, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(2)),
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))).as("by instant").isNegative();
    }

    @Test
    void kWayMergeEqualsSortingEverything() {
        Random random = new Random(5);
        List<SortKey> order = List.of(SortKey.desc("score"), SortKey.asc("id"));
        Comparator<Row> oracle = Comparator.comparing((Row r) -> (Integer) r.raw("score")).reversed()
                .thenComparing(r -> (Integer) r.raw("id"));
        for (int round = 0; round < 200; round++) {
            List<List<Row>> runs = new ArrayList<>();
            List<Row> all = new ArrayList<>();
            int id = 0;
            for (int run = random.nextInt(1, 5); run > 0; run--) {
                List<Row> rows = new ArrayList<>();
                for (int n = random.nextInt(0, 30); n > 0; n--) {
                    rows.add(new Row(SHARD, Map.of("score", random.nextInt(10), "id", id++)));
                }
                rows.sort(oracle);
                runs.add(rows);
                all.addAll(rows);
            }
            int limit = random.nextInt(1, 80);
            all.sort(oracle);
            assertThat(KWayMerge.first(runs, ValueOrder.rows(order), limit))
                    .containsExactlyElementsOf(all.subList(0, Math.min(limit, all.size())));
        }
    }

    @Test
    void cursorsRoundTripAndRefuseTampering() {
        var cursors = new KeysetCursor(new byte[32]);
        List<Object> key = List.of(42, "päge,one", UUID.randomUUID(), OffsetDateTime.parse("2026-01-02T03:04:05.123456Z"),
                7L, new BigDecimal("1.50"));
        String cursor = cursors.encode("q1", key);

        assertThat(cursors.decode("q1", cursor)).isEqualTo(key);
        assertThatThrownBy(() -> cursors.decode("q2", cursor)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeysetCursor(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).decode("q1", cursor))
                .as("another key").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cursors.decode("q1", "garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNullSortKeyIsAPositionTheCursorKeeps() {
        var cursors = new KeysetCursor(new byte[32]);
        List<Object> key = java.util.Arrays.asList(null, 7, null);

        assertThat(cursors.decode("q1", cursors.encode("q1", key))).containsExactly(null, 7, null);
        assertThat(cursors.encode("q1", key)).isNotEqualTo(cursors.encode("q1", java.util.Arrays.asList("", 7, "")))
                .as("NULL and the empty string are different positions");
    }

    @Test
    void identifiersAreCheckedBeforeTheyReachSql() {
        assertThatThrownBy(() -> SortKey.asc("id; DROP TABLE x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SelectShape("items", List.of("__shard"), "", SqlParams.none(), List.of(SortKey.asc("id"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
