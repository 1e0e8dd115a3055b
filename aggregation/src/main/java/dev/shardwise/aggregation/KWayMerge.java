package dev.shardwise.aggregation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges already-sorted runs (one per cluster) into the first {@code limit} rows overall with a
 * priority queue holding one head per run: it touches at most {@code limit + runs} rows, however
 * long the runs are.
 */
final class KWayMerge {

    private KWayMerge() {
    }

    static List<Row> first(List<List<Row>> runs, Comparator<Row> order, int limit) {
        record Head(Row row, Iterator<Row> rest) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, runs.size()), (a, b) -> order.compare(a.row(), b.row()));
        for (List<Row> run : runs) {
            Iterator<Row> it = run.iterator();
            if (it.hasNext()) {
                heads.add(new Head(it.next(), it));
            }
        }
        List<Row> out = new ArrayList<>(Math.min(limit, 1024));
        while (out.size() < limit && !heads.isEmpty()) {
            Head head = heads.poll();
            out.add(head.row());
            if (head.rest().hasNext()) {
                heads.add(new Head(head.rest().next(), head.rest()));
            }
        }
        return out;
    }
}
