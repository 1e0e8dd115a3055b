package dev.shardwise.migration.engine;

import dev.shardwise.migration.ActionOutcome;
import dev.shardwise.migration.MigrationException;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.migration.store.MigrationStore;
import java.time.Duration;

/**
 * The requester's side of talking to a worker attached in another process: the request is the
 * action's name in the migration row, the answer the typed {@link ActionOutcome} the worker writes
 * back ({@link Worker#step}). The requester returns or throws exactly what the worker's own call
 * returned or threw.
 */
final class WorkerRequests {

    private final MigrationStore store;
    private final Duration poll;

    WorkerRequests(MigrationStore store, Duration poll) {
        this.store = store;
        this.poll = poll;
    }

    /** Posts {@code action} and waits up to {@code wait} for the answer; refuses if a request is pending. */
    String ask(long id, Action action, Duration wait) {
        store.request(id, action.name());
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            MigrationRecord now = store.get(id);
            if (now.requested().isEmpty() && now.requestOutcome().isPresent()) {
                return switch (now.requestOutcome().get()) {
                    case ActionOutcome.Done done -> done.message();
                    case ActionOutcome.Problem problem -> throw MigrationException.of(problem);
                };
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MigrationException.failed("interrupted while waiting for the attached worker to answer the "
                        + action + " request; it may still carry it out: check status");
            }
        }
        throw MigrationException.failed("the attached worker did not answer the " + action + " request within "
                + wait.toSeconds() + " s; it may still carry it out: check status");
    }
}
