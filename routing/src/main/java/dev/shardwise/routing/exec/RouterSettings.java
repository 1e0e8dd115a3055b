package dev.shardwise.routing.exec;

import dev.shardwise.routing.health.CircuitBreaker;
import dev.shardwise.routing.spi.StatementHook;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How a {@link Router} checks schemas, which hooks see statements, and how breakers behave. */
public record RouterSettings(SchemaExpectations schemas, List<StatementHook> hooks, CircuitBreaker.Settings breaker) {

    public RouterSettings {
        Objects.requireNonNull(schemas, "schemas");
        hooks = List.copyOf(hooks);
        Objects.requireNonNull(breaker, "breaker");
    }

    /** Three consecutive connection failures open a cluster's breaker for two seconds; one probe at a time. */
    public static CircuitBreaker.Settings defaultBreaker() {
        return new CircuitBreaker.Settings(3, Duration.ofSeconds(2), 1);
    }

    public static RouterSettings of(SchemaExpectations schemas) {
        return new RouterSettings(schemas, List.of(), defaultBreaker());
    }

    public RouterSettings withHooks(List<StatementHook> newHooks) {
        return new RouterSettings(schemas, newHooks, breaker);
    }
}
