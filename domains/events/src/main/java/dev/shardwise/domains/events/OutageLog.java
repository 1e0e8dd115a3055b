package dev.shardwise.domains.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a failing dependency (Kafka, a shard, a partition) once when it starts failing and once
 * when it recovers, instead of once per row or per retry: an outage of minutes must not flood the
 * log with thousands of identical lines. Thread-safe.
 */
final class OutageLog {

    private final Logger log;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    OutageLog(Logger log) {
        this.log = log;
    }

    /** Records a failure of {@code what}; logs it only if {@code what} was healthy until now. */
    void failed(String what, Throwable cause) {
        if (failing.add(what)) {
            log.warn("{} is failing: {} (retrying; logged again when it recovers)", what, describe(cause));
            log.debug("{} failure detail", what, cause);
        } else {
            log.debug("{} still failing: {}", what, describe(cause));
        }
    }

    /** Records a success of {@code what}; logs the recovery if it was failing. */
    void recovered(String what) {
        if (failing.remove(what)) {
            log.info("{} recovered", what);
        }
    }

    boolean isFailing(String what) {
        return failing.contains(what);
    }

    /** The chain of exception messages, without stack traces (a timeout's stack says nothing new). */
    static String describe(Throwable cause) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }
}
