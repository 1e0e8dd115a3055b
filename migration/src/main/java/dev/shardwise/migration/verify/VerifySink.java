package dev.shardwise.migration.verify;

import dev.shardwise.migration.store.Mismatch;
import dev.shardwise.migration.store.Progress;
import java.util.List;

/**
 * Where a verify keeps its state and reports what it finds. {@link #checkpoints()} is read once at
 * the start of a verify; {@link #checkpoint} is called after every checked key range, so a verify
 * that stops (crash, cancel) resumes after the last saved range. A range checked again after a stop
 * between its mismatches and its checkpoint reports those mismatches again: sinks that store them
 * should tolerate a repeated (table, key).
 */
public interface VerifySink {

    /** The saved verify checkpoints, at most one per table that matters (the last one wins). */
    List<Progress> checkpoints();

    /** Saves a table's progress; {@link Progress#done()} marks it verified to the end. */
    void checkpoint(Progress p);

    /** Records one key whose rows still differ after catching up. */
    void mismatch(Mismatch m);
}
