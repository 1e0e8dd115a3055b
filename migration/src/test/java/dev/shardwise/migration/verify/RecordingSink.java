package dev.shardwise.migration.verify;

import dev.shardwise.migration.store.Mismatch;
import dev.shardwise.migration.store.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link VerifySink} in memory. It can stand for a worker that dies: after a given number of
 * checkpoints it saves the checkpoint and then throws, as a crash right after a save would.
 */
final class RecordingSink implements VerifySink {

    final List<Progress> saved;
    final List<Mismatch> mismatches = new ArrayList<>();
    private final int crashAfter;

    private RecordingSink(List<Progress> saved, int crashAfter) {
        this.saved = new ArrayList<>(saved);
        this.crashAfter = crashAfter;
    }

    static RecordingSink empty() {
        return new RecordingSink(List.of(), Integer.MAX_VALUE);
    }

    /** Starts from checkpoints a previous run saved. */
    static RecordingSink resuming(List<Progress> saved) {
        return new RecordingSink(saved, Integer.MAX_VALUE);
    }

    /** Saves {@code checkpoints} checkpoints, then throws on the last one. */
    static RecordingSink crashingAfter(int checkpoints) {
        return new RecordingSink(List.of(), checkpoints);
    }

    @Override
    public List<Progress> checkpoints() {
        return List.copyOf(saved);
    }

    @Override
    public void checkpoint(Progress p) {
        saved.add(p);
        if (saved.size() >= crashAfter) {
            throw new IllegalStateException("simulated crash after checkpoint " + saved.size());
        }
    }

    @Override
    public void mismatch(Mismatch m) {
        mismatches.add(m);
    }

    List<Progress> of(String table) {
        return saved.stream().filter(p -> p.table().equals(table)).toList();
    }

    Progress last(String table) {
        return of(table).getLast();
    }
}
