package dev.shardwise.linters.rules;

import dev.shardwise.linters.exempt.StatementFingerprint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inline exemption marker: a comment {@code /* shardwise:allow <rule-id>[,<rule-id>…]
 * reason="…" *}{@code /} or {@code -- shardwise:allow <rule-id> reason="…"} inside the statement.
 * A marker without a reason, or naming an unknown rule, exempts nothing and is itself a finding.
 */
final class Markers {

    private static final Pattern MARKER = Pattern.compile(
            "shardwise:allow\\s+([A-Za-z-]+(?:\\s*,\\s*[A-Za-z-]+)*)(?:\\s+reason\\s*=\\s*\"([^\"]*)\")?");

    /** The rules the markers validly exempt, and the findings for malformed markers. */
    record Parsed(Set<Rule> allowed, List<Finding> problems) {
    }

    private Markers() {
    }

    static Parsed in(String sql) {
        Set<Rule> allowed = EnumSet.noneOf(Rule.class);
        List<Finding> problems = new ArrayList<>();
        for (String comment : StatementFingerprint.comments(sql)) {
            Matcher m = MARKER.matcher(comment);
            while (m.find()) {
                Optional<String> reason = Optional.ofNullable(m.group(2)).map(String::strip).filter(r -> !r.isEmpty());
                for (String id : m.group(1).split(",")) {
                    Optional<Rule> rule = Rule.fromId(id);
                    if (rule.isEmpty()) {
                        problems.add(problem(sql, "names an unknown rule '" + id.strip() + "'"));
                    } else if (reason.isEmpty()) {
                        problems.add(problem(sql, "for " + rule.get().id() + " gives no reason=\"…\""));
                    } else {
                        allowed.add(rule.get());
                    }
                }
            }
        }
        return new Parsed(allowed, problems);
    }

    private static Finding problem(String sql, String what) {
        return new Finding(Rule.EXPIRED_EXEMPTION, "the shardwise:allow marker in " + Messages.quote(sql) + " " + what
                + ", so it exempts nothing", List.of(),
                "write /* shardwise:allow <rule-id> reason=\"why this is deliberate\" */ with a rule id from"
                        + " docs/linters.md and a reviewed reason, or remove the marker");
    }
}
