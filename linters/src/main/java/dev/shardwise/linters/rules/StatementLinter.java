package dev.shardwise.linters.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.linters.exempt.Exemption;
import dev.shardwise.linters.exempt.Exemptions;
import dev.shardwise.linters.exempt.StatementFingerprint;
import dev.shardwise.shardmap.KeyspaceName;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks SQL statements against the schema-domain rules: {@link Rule#CROSS_DOMAIN_QUERY},
 * {@link Rule#UNSCOPED_SHARDED_QUERY} (skipped for {@link LintContext#fanOut()} statements),
 * {@link Rule#UNKNOWN_TABLE} and {@link Rule#UNPARSEABLE_STATEMENT}; then drops the findings an
 * inline {@code shardwise:allow} marker or a current allowlist entry exempts. An allowlist entry
 * covering the statement that has expired exempts nothing and adds a
 * {@link Rule#EXPIRED_EXEMPTION} finding, as does a malformed marker.
 *
 * <p>Thread-safe. The analysis of each distinct statement text is cached (bounded; the text is
 * the key, so statements should bind values as parameters; past the bound, Caffeine evicts the
 * texts least likely to come back); exemption dates are evaluated on every call with the clock.
 */
public final class StatementLinter {

    /** Distinct statement texts kept; an application issues a few hundred. */
    public static final int DEFAULT_CACHE_SIZE = 8192;

    private final SchemaDomains catalog;
    private final Exemptions exemptions;
    private final Clock clock;
    private final StatementAnalyzer analyzer;
    private final Cache<String, Verdict> cache;

    /** The cached, date-independent part of a statement's check. */
    private record Verdict(List<Finding> findings, List<TableUse> uses, Set<KeyspaceName> keyspaces,
                           Markers.Parsed markers, List<Exemption> covering) {
    }

    public StatementLinter(SchemaDomains catalog, Exemptions exemptions, Clock clock) {
        this(catalog, exemptions, clock, DEFAULT_CACHE_SIZE);
    }

    public StatementLinter(SchemaDomains catalog, Exemptions exemptions, Clock clock, int cacheSize) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.exemptions = Objects.requireNonNull(exemptions, "exemptions");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cacheSize must be positive");
        }
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.analyzer = new StatementAnalyzer(catalog);
    }

    /** The findings for {@code sql}; empty when it is clean or every finding is exempt. */
    public List<Finding> lint(String sql, LintContext context) {
        return exempt(verdict(sql), List.of(), context);
    }

    /**
     * As {@link #lint}, for a statement issued in a unit of work bound to {@code unitKeyspace}:
     * a statement whose tables belong to another domain's keyspace is also a
     * {@link Rule#CROSS_DOMAIN_QUERY}.
     */
    public List<Finding> lintInUnit(String sql, LintContext context, KeyspaceName unitKeyspace) {
        Verdict v = verdict(sql);
        boolean elsewhere = v.keyspaces().stream().anyMatch(k -> !k.equals(unitKeyspace));
        boolean crossDomainAlready = v.findings().stream().anyMatch(f -> f.rule() == Rule.CROSS_DOMAIN_QUERY);
        List<Finding> extra = elsewhere && !crossDomainAlready
                ? List.of(Messages.crossDomainUnit(sql, v.uses(), unitKeyspace.value())) : List.of();
        return exempt(v, extra, context);
    }

    /** The catalog the statements are checked against. */
    public SchemaDomains catalog() {
        return catalog;
    }

    /** The number of statement texts whose analysis is cached. */
    public int cachedStatements() {
        cache.cleanUp(); // evictions still pending count otherwise
        return Math.toIntExact(cache.estimatedSize());
    }

    private Verdict verdict(String sql) {
        return cache.get(sql, this::check);
    }

    private Verdict check(String sql) {
        Markers.Parsed markers = Markers.in(sql);
        List<Exemption> covering = exemptions.covering(StatementFingerprint.of(sql));
        Analysis analysis = analyzer.analyze(sql);
        if (analysis instanceof Analysis.Unparseable unparseable) {
            return new Verdict(List.of(Messages.unparseable(sql, unparseable.reason())), List.of(), Set.of(), markers,
                    covering);
        }
        List<TableUse> uses = ((Analysis.Parsed) analysis).uses();
        List<Finding> findings = new ArrayList<>();
        Set<String> domains = uses.stream().flatMap(u -> u.domain().stream()).map(d -> d.name().value())
                .collect(Collectors.toSet());
        if (domains.size() > 1) {
            findings.add(Messages.crossDomain(sql, uses));
        }
        List<TableUse> unpinned = uses.stream().filter(u -> u.sharded() && !u.pinned()).toList();
        if (!unpinned.isEmpty()) {
            findings.add(Messages.unscoped(sql, unpinned));
        }
        List<String> unknown = uses.stream().filter(u -> u.domain().isEmpty()).map(TableUse::table).distinct()
                .toList();
        if (!unknown.isEmpty()) {
            findings.add(Messages.unknown(sql, unknown));
        }
        Set<KeyspaceName> keyspaces = uses.stream().flatMap(u -> u.domain().stream()).map(SchemaDomain::keyspace)
                .collect(Collectors.toSet());
        return new Verdict(List.copyOf(findings), uses, keyspaces, markers, covering);
    }

    private List<Finding> exempt(Verdict v, List<Finding> extra, LintContext context) {
        if (v.findings().isEmpty() && extra.isEmpty() && v.covering().isEmpty() && v.markers().problems().isEmpty()) {
            return List.of();
        }
        LocalDate today = LocalDate.now(clock);
        List<Finding> out = new ArrayList<>();
        List<Finding> candidates = new ArrayList<>(v.findings());
        candidates.addAll(extra);
        for (Finding f : candidates) {
            boolean skip = (f.rule() == Rule.UNSCOPED_SHARDED_QUERY && context.fanOut())
                    || v.markers().allowed().contains(f.rule())
                    || v.covering().stream().anyMatch(e -> e.rule() == f.rule() && !e.expiredOn(today));
            if (!skip) {
                out.add(f);
            }
        }
        v.covering().stream().filter(e -> e.expiredOn(today)).forEach(e -> out.add(exemptions.expiredFinding(e, today)));
        out.addAll(v.markers().problems());
        return List.copyOf(out);
    }
}
