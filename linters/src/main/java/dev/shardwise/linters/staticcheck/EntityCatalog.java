package dev.shardwise.linters.staticcheck;

import dev.shardwise.linters.staticcheck.JavaLexer.Kind;
import dev.shardwise.linters.staticcheck.JavaLexer.Token;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JPA entities found in the scanned sources, for translating JPQL/HQL into the SQL it runs:
 * entity name ({@code @Entity(name = …)} or the class name) to table ({@code @Table(name = …)}),
 * and attribute to column ({@code @Column(name = …)} or {@code @JoinColumn(name = …)}, on the
 * field or its getter). An attribute without a column name maps to its snake_case form, the
 * usual physical naming; an entity without {@code @Table} to its entity name in lower case.
 */
final class EntityCatalog {

    /** One entity: its table and its explicit attribute-to-column names. */
    record Entity(String name, String table, Map<String, String> columns) {

        Entity {
            columns = Map.copyOf(columns);
        }

        /** The column an attribute maps to. */
        String column(String attribute) {
            return columns.getOrDefault(attribute, snakeCase(attribute));
        }
    }

    private final Map<String, Entity> byName;

    private EntityCatalog(Map<String, Entity> byName) {
        this.byName = Map.copyOf(byName);
    }

    static EntityCatalog of(List<JavaSource> sources, ConstantEvaluator evaluator) {
        Map<String, Entity> out = new HashMap<>();
        for (JavaSource source : sources) {
            entity(source, evaluator).ifPresent(e -> out.putIfAbsent(e.name(), e));
        }
        return new EntityCatalog(out);
    }

    static EntityCatalog empty() {
        return new EntityCatalog(Map.of());
    }

    Optional<Entity> entity(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static Optional<Entity> entity(JavaSource s, ConstantEvaluator evaluator) {
        List<Token> tokens = s.tokens();
        int entityAt = -1;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("@") && annotationName(tokens, i + 1).equals("Entity") && s.block()[i] < 0) {
                entityAt = i;
                break;
            }
        }
        if (entityAt < 0 || s.className().isEmpty()) {
            return Optional.empty();
        }
        String name = attribute(s, entityAt, "name", evaluator).orElse(s.className());
        String table = name.toLowerCase(Locale.ROOT);
        Map<String, String> columns = new HashMap<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.get(i).is("@")) {
                continue;
            }
            String annotation = annotationName(tokens, i + 1);
            if (annotation.equals("Table") && s.block()[i] < 0) {
                table = attribute(s, i, "name", evaluator).orElse(table);
            } else if (annotation.equals("Column") || annotation.equals("JoinColumn")) {
                Optional<String> column = attribute(s, i, "name", evaluator);
                Optional<String> member = annotatedMember(s, i);
                if (column.isPresent() && member.isPresent()) {
                    columns.put(member.get(), column.get());
                }
            }
        }
        return Optional.of(new Entity(name, table, columns));
    }

    /** The simple name of the annotation whose (possibly qualified) name starts at {@code i}. */
    static String annotationName(List<Token> tokens, int i) {
        String name = "";
        int k = i;
        while (k < tokens.size() && tokens.get(k).kind() == Kind.IDENT) {
            name = tokens.get(k).text();
            if (k + 1 < tokens.size() && tokens.get(k + 1).is(".")) {
                k += 2;
            } else {
                break;
            }
        }
        return name;
    }

    /** Index of the {@code (} of the annotation at {@code at} ({@code @}), or -1 if it has none. */
    static int annotationArguments(JavaSource s, int at) {
        int k = at + 1;
        while (k + 1 < s.tokens().size() && s.tokens().get(k).kind() == Kind.IDENT && s.tokens().get(k + 1).is(".")) {
            k += 2;
        }
        return k + 1 < s.tokens().size() && s.tokens().get(k + 1).is("(") ? k + 1 : -1;
    }

    /**
     * The constant value of annotation attribute {@code name}; {@code "value"} also matches a sole
     * unnamed argument.
     */
    static Optional<String> attribute(JavaSource s, int at, String name, ConstantEvaluator evaluator) {
        return attributeRange(s, at, name).flatMap(r -> evaluator.evaluate(s, r[0], r[1]))
                .filter(v -> v.variants().size() == 1).map(v -> v.variants().getFirst());
    }

    /** The token range of attribute {@code name} of the annotation at {@code at}. */
    static Optional<int[]> attributeRange(JavaSource s, int at, String name) {
        int open = annotationArguments(s, at);
        if (open < 0) {
            return Optional.empty();
        }
        for (int[] arg : s.arguments(open)) {
            boolean named = arg[1] - arg[0] >= 2 && s.tokens().get(arg[0]).kind() == Kind.IDENT
                    && s.tokens().get(arg[0] + 1).is("=");
            if (named && s.tokens().get(arg[0]).text().equals(name)) {
                return Optional.of(new int[] {arg[0] + 2, arg[1]});
            }
            if (!named && name.equals("value")) {
                return Optional.of(arg);
            }
        }
        return Optional.empty();
    }

    /** The field or getter-derived attribute the annotation at {@code at} sits on. */
    private static Optional<String> annotatedMember(JavaSource s, int at) {
        List<Token> tokens = s.tokens();
        int open = annotationArguments(s, at);
        int k = open >= 0 ? s.match()[open] + 1 : at + 2;
        String last = null;
        for (; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.is("@")) {
                int args = annotationArguments(s, k);
                k = args >= 0 ? s.match()[args] : k + 1;
            } else if (t.is(";") || t.is("=")) {
                return Optional.ofNullable(last);
            } else if (t.is("(")) {
                return Optional.ofNullable(last).filter(m -> m.startsWith("get") && m.length() > 3)
                        .map(m -> Character.toLowerCase(m.charAt(3)) + m.substring(4));
            } else if (t.kind() == Kind.IDENT) {
                last = t.text();
            }
        }
        return Optional.empty();
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
