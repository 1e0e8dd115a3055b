package dev.shardwise.domains.product.testing;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.linters.runtime.DomainLinterHook;
import dev.shardwise.linters.runtime.LinterMode;
import java.time.Clock;

/**
 * The schema-domain linter as the integration tests run it: in RAISE mode, over the shipped
 * catalog and the reviewed allowlist, so any statement or unit of work of the code under test
 * that crosses a domain or misses its shard key fails the test that issued it.
 */
public final class Linting {

    private Linting() {
    }

    /** A raising hook; pass it to {@code DataAccess.open} with the test's other hooks. */
    public static DomainLinterHook raising() {
        return DomainLinterHook.create(SchemaDomains.load(), Exemptions.shipped(), LinterMode.RAISE,
                Clock.systemUTC());
    }
}
