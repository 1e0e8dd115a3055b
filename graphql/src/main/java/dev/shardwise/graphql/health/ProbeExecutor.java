package dev.shardwise.graphql.health;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the health probes off the HTTP threads, each with a hard deadline.
 *
 * <p>Contract: {@link #submit} never blocks the caller; the returned future completes with the
 * probe's result, with the probe's exception, or with a {@link java.util.concurrent.TimeoutException}
 * once the deadline has passed, whichever comes first. A probe that overruns its deadline keeps
 * running in the background until its own client timeouts end it (each probe sets them), so a dead
 * host can slow down nothing but its own probe. Virtual threads: a blocked probe costs no platform
 * thread, so several dead hosts cannot starve the others.
 */
@Singleton
public final class ProbeExecutor {

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("shardwise-health-", 0).factory());

    /**
     * @param task the blocking probe
     * @param deadline how long the caller is willing to wait
     * @return the probe's eventual result
     */
    public <T> CompletableFuture<T> submit(Callable<T> task, Duration deadline) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, executor).orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
