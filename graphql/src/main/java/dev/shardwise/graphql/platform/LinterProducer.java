package dev.shardwise.graphql.platform;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.linters.rules.StatementLinter;
import dev.shardwise.linters.runtime.DomainLinterHook;
import dev.shardwise.linters.runtime.LinterMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Produces the runtime schema-domain linter. As a {@link dev.shardwise.routing.spi.StatementHook}
 * bean it reaches the router through {@link PlatformProducers#dataAccess}, so every statement and
 * unit of work of the application is checked, in the mode {@code shardwise.linter.mode} says
 * (raise in dev and test, log in prod), with the reviewed allowlist shipped in the linters jar.
 */
@ApplicationScoped
public class LinterProducer {

    private static final Logger LOG = Logger.getLogger(LinterProducer.class);

    @Produces
    @Singleton
    DomainLinterHook domainLinter(ShardwiseConfig config, SchemaDomains domains, Clock clock) {
        LinterMode mode;
        try {
            mode = LinterMode.parse(config.linter().mode());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration key shardwise.linter.mode (env SHARDWISE_LINTER_MODE): "
                    + e.getMessage(), e);
        }
        Exemptions exemptions = Exemptions.shipped();
        LOG.infof("schema-domain linter: mode %s, %d allowlist entr%s", mode.id(), exemptions.entries().size(),
                exemptions.entries().size() == 1 ? "y" : "ies");
        return new DomainLinterHook(new StatementLinter(domains, exemptions, clock), mode, config.linter().logEvery());
    }
}
