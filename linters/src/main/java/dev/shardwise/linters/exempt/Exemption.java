package dev.shardwise.linters.exempt;

import dev.shardwise.linters.rules.Rule;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One reviewed allowlist entry: statements it covers are exempt from {@link #rule()} until
 * {@link #expires()} (inclusive). A statement is covered when its fingerprint (see
 * {@link StatementFingerprint}) equals {@link #statement()}, or when {@link #pattern()} finds a
 * match in the fingerprint.
 *
 * @param rule      the rule exempted
 * @param statement the fingerprint of the exempted statement, if given this way
 * @param pattern   a regular expression over fingerprints, if given this way
 * @param reason    why this is deliberate (required)
 * @param owner     who answers for it (required)
 * @param expires   the last day on which the exemption applies
 */
public record Exemption(Rule rule, Optional<String> statement, Optional<Pattern> pattern, String reason,
                        String owner, LocalDate expires) {

    public Exemption {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(expires, "expires");
        if (statement.isPresent() == pattern.isPresent()) {
            throw new IllegalArgumentException("an exemption names exactly one of statement or pattern");
        }
        if (reason == null || reason.isBlank() || owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("an exemption needs a reason and an owner");
        }
        statement = statement.map(StatementFingerprint::of);
    }

    /** Whether this entry covers the statement with that fingerprint (ignoring expiry). */
    public boolean covers(String fingerprint) {
        return statement.map(fingerprint::equals)
                .orElseGet(() -> pattern.orElseThrow().matcher(fingerprint).find());
    }

    /** Whether the entry has lapsed on {@code today}. */
    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }

    /** A short human description: the statement or pattern it covers. */
    public String subject() {
        return statement.map(s -> "statement \"" + s + "\"")
                .orElseGet(() -> "pattern /" + pattern.orElseThrow().pattern() + "/");
    }
}
