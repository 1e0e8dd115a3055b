package dev.shardwise.linters.staticcheck;

import dev.shardwise.linters.staticcheck.EntityCatalog.Entity;
import dev.shardwise.routing.sql.SqlLexer;
import dev.shardwise.routing.sql.SqlLexer.Kind;
import dev.shardwise.routing.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a JPQL/HQL query into the SQL shape the rules understand: entity names become their
 * tables, {@code alias.attribute} paths become {@code alias.column}, bare attributes of a
 * single-entity query become columns, named ({@code :ws}) and numbered ({@code ?1}) parameters
 * become {@code ?}, a constructor expression ({@code select new a.b.View(…)}) becomes its
 * argument list, and a query that starts with {@code from} gets {@code select *}. Only names
 * change: the rules see the same tables and the same predicates Hibernate's SQL will have. An
 * entity name that matches no scanned entity is left as written, so it shows up as an unknown
 * table instead of being silently skipped.
 */
final class JpqlTranslator {

    private static final Set<String> ENTITY_POSITIONS = Set.of("from", "join", "update", "into", "delete");
    private static final Set<String> NOT_ALIASES = Set.of("where", "join", "inner", "left", "right", "outer",
            "cross", "full", "on", "set", "order", "group", "having", "union", "fetch", "with", "limit", "offset",
            "as", "select", "intersect", "except");

    private final EntityCatalog entities;

    JpqlTranslator(EntityCatalog entities) {
        this.entities = entities;
    }

    String translate(String jpql) {
        List<Token> all = SqlLexer.tokenize(jpql);
        List<Token> sig = all.stream().filter(t -> t.kind() != Kind.COMMENT).toList();
        Map<Integer, String> replace = new HashMap<>();
        Map<String, Entity> aliases = new HashMap<>();
        List<Entity> used = new ArrayList<>();
        for (int i = 1; i < sig.size(); i++) {
            Token t = sig.get(i);
            Token before = sig.get(i - 1);
            boolean entityPosition = ENTITY_POSITIONS.contains(before.name()) || before.isSymbol(",");
            Optional<Entity> entity = t.kind() == Kind.WORD && entityPosition ? entities.entity(t.text())
                    : Optional.empty();
            if (entity.isEmpty()) {
                continue;
            }
            replace.put(t.start(), (before.isWord("delete") ? "from " : "") + entity.get().table());
            used.add(entity.get());
            int aliasAt = i + 1 < sig.size() && sig.get(i + 1).isWord("as") ? i + 2 : i + 1;
            if (aliasAt < sig.size() && sig.get(aliasAt).kind() == Kind.WORD
                    && !NOT_ALIASES.contains(sig.get(aliasAt).name())) {
                aliases.put(sig.get(aliasAt).text(), entity.get());
            }
        }
        Set<Integer> constructor = new HashSet<>();
        Optional<Entity> single = used.size() == 1 ? Optional.of(used.getFirst()) : Optional.empty();
        for (int i = 0; i < sig.size(); i++) {
            Token t = sig.get(i);
            boolean afterDot = i > 0 && sig.get(i - 1).isSymbol(".");
            if (t.kind() == Kind.PARAM) {
                replace.put(t.start(), "?");
                if (t.text().equals("?") && i + 1 < sig.size() && sig.get(i + 1).kind() == Kind.NUMBER
                        && sig.get(i + 1).start() == t.end()) {
                    replace.put(sig.get(i + 1).start(), "");
                }
            } else if (t.kind() == Kind.WORD && afterDot && i >= 2 && aliases.containsKey(sig.get(i - 2).text())) {
                replace.put(t.start(), aliases.get(sig.get(i - 2).text()).column(t.text()));
            } else if (t.kind() == Kind.WORD && !afterDot && single.isPresent() && !replace.containsKey(t.start())
                    && !aliases.containsKey(t.text()) && single.get().columns().containsKey(t.text())
                    && !(i + 1 < sig.size() && sig.get(i + 1).isSymbol("."))) {
                replace.put(t.start(), single.get().column(t.text()));
            } else if (t.isWord("new") && i > 0 && sig.get(i - 1).isWord("select")) {
                constructor.addAll(dropConstructor(sig, i, replace));
            }
        }
        StringBuilder out = new StringBuilder();
        if (!sig.isEmpty() && sig.getFirst().isWord("from")) {
            out.append("select * ");
        }
        int at = 0;
        boolean swallowGap = false;
        for (Token t : all) {
            String gap = jpql.substring(at, t.start());
            if (!(swallowGap && gap.isBlank())) {
                out.append(gap);
            }
            out.append(replace.getOrDefault(t.start(), jpql.substring(t.start(), t.end())));
            swallowGap = constructor.contains(t.start());
            at = t.end();
        }
        out.append(jpql.substring(at));
        return out.toString();
    }

    /**
     * {@code new a.b.View(} keeps only its {@code (}: the arguments become a row expression.
     * Returns the dropped tokens' offsets.
     */
    private static List<Integer> dropConstructor(List<Token> sig, int newAt, Map<Integer, String> replace) {
        List<Integer> dropped = new ArrayList<>();
        for (int k = newAt; k < sig.size() && !sig.get(k).isSymbol("("); k++) {
            replace.put(sig.get(k).start(), "");
            dropped.add(sig.get(k).start());
        }
        return dropped;
    }
}
