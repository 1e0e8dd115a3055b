package dev.shardwise.migration.engine;

import dev.shardwise.migration.store.MigrationStore;
import dev.shardwise.migration.store.Mismatch;
import dev.shardwise.migration.store.Progress;
import dev.shardwise.migration.store.ProgressKind;
import dev.shardwise.migration.verify.VerifySink;
import java.util.List;

/** Keeps a verify's checkpoints and findings in the control plane, so a verify survives a restart. */
final class VerifySinkAdapter implements VerifySink {


    private final MigrationStore store;
    private final long id;
    private final Runnable afterCheckpoint;

    VerifySinkAdapter(MigrationStore store, long id, Runnable afterCheckpoint) {
        this.store = store;
        this.id = id;
        this.afterCheckpoint = afterCheckpoint;
    }

    @Override
    public List<Progress> checkpoints() {
        return store.progress(id, ProgressKind.VERIFY);
    }

    @Override
    public void checkpoint(Progress p) {
        store.saveProgress(id, ProgressKind.VERIFY, p);
        afterCheckpoint.run();
    }

    @Override
    public void mismatch(Mismatch m) {
        store.recordMismatch(id, m);
    }
}
