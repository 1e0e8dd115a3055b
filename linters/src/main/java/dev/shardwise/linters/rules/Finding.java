package dev.shardwise.linters.rules;

import java.util.List;
import java.util.Objects;

/**
 * One violation of a {@link Rule}.
 *
 * @param rule    the rule violated
 * @param message what is wrong, naming the statement, the tables and their domains
 * @param tables  the tables involved (lower case, unqualified); empty when none apply
 * @param fix     how to fix it
 */
public record Finding(Rule rule, String message, List<String> tables, String fix) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        tables = List.copyOf(tables);
    }
}
