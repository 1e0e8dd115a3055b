package dev.shardwise.linters.staticcheck;

import dev.shardwise.linters.rules.Rule;

/**
 * A one-line description and the general fix of every rule, for SARIF's rule metadata and the
 * CLI's help. The full text, with examples, is {@code docs/linters.md}.
 */
public final class RuleHelp {

    private RuleHelp() {
    }

    /** What the rule refuses, in one line. */
    public static String shortDescription(Rule rule) {
        return switch (rule) {
            case CROSS_DOMAIN_QUERY -> "A statement references tables of more than one schema domain.";
            case UNSCOPED_SHARDED_QUERY -> "A statement on a sharded table does not pin the domain's shard key.";
            case CROSS_BOUNDARY_TRANSACTION -> "One transaction touches more than one domain or logical shard.";
            case UNKNOWN_TABLE -> "A statement references a table that belongs to no schema domain.";
            case UNPARSEABLE_STATEMENT -> "A statement could not be parsed, so it could not be checked.";
            case EXPIRED_EXEMPTION -> "An allowlist entry has passed its expiry date.";
            case SCHEMA_DOMAINS_MISMATCH -> "schema-domains.yml and the migrations disagree about the tables.";
            case CROSS_DOMAIN_FOREIGN_KEY -> "A migration declares a foreign key between two schema domains.";
        };
    }

    /** How to fix a violation, in general terms (each finding carries its specific fix too). */
    public static String help(Rule rule) {
        return switch (rule) {
            case CROSS_DOMAIN_QUERY -> "Split the statement into one statement per domain and join the results in "
                    + "the application, or move the table into the domain it is always queried with "
                    + "(schema-domains.yml and its migrations). See docs/linters.md.";
            case UNSCOPED_SHARDED_QUERY -> "Add the shard key to the WHERE clause (workspace_id = ? or "
                    + "workspace_id = ANY(?) for content, user_id for identity). A deliberate scan of every shard "
                    + "goes through the aggregation layer's explicit fan-out API (Router.run(Unit.read(shard).asFanOut(), work)). "
                    + "See docs/linters.md.";
            case CROSS_BOUNDARY_TRANSACTION -> "Commit the unit of work on one shard before starting the next; make "
                    + "cross-domain flows a sequence of single-shard steps that are safe to stop between. "
                    + "See docs/linters.md.";
            case UNKNOWN_TABLE -> "Add the table to the domain that owns it in schema-domains.yml (and create it in "
                    + "that domain's migrations), or fix the name. See docs/linters.md.";
            case UNPARSEABLE_STATEMENT -> "Rewrite the statement in syntax the linter parses, or exempt it with a "
                    + "reviewed shardwise:allow marker. See docs/linters.md.";
            case EXPIRED_EXEMPTION -> "Fix the statement so it needs no exemption, or have the owner review the "
                    + "entry again and move 'expires' forward. See docs/linters.md.";
            case SCHEMA_DOMAINS_MISMATCH -> "Make schema-domains.yml list exactly the tables each domain's "
                    + "migrations create. See docs/linters.md.";
            case CROSS_DOMAIN_FOREIGN_KEY -> "Drop the foreign key: keep the id as a plain column that the "
                    + "application checks, or move both tables into one domain. See docs/linters.md.";
        };
    }
}
