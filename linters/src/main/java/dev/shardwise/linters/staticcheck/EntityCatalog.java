package dev.shardwise.linters.staticcheck;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
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
        List<AnnotationExpr> topLevel = s.unit().getTypes().stream().flatMap(t -> t.getAnnotations().stream())
                .toList();
        Optional<AnnotationExpr> entity = topLevel.stream().filter(a -> a.getName().getIdentifier().equals("Entity"))
                .findFirst();
        if (entity.isEmpty() || s.className().isEmpty()) {
            return Optional.empty();
        }
        String name = value(s, entity.get(), "name", evaluator).orElse(s.className());
        String table = name.toLowerCase(Locale.ROOT);
        for (AnnotationExpr a : topLevel) {
            if (a.getName().getIdentifier().equals("Table")) {
                table = value(s, a, "name", evaluator).orElse(table);
            }
        }
        Map<String, String> columns = new HashMap<>();
        for (AnnotationExpr a : s.unit().findAll(AnnotationExpr.class)) {
            String annotation = a.getName().getIdentifier();
            if (annotation.equals("Column") || annotation.equals("JoinColumn")) {
                Optional<String> column = value(s, a, "name", evaluator);
                Optional<String> member = annotatedMember(a);
                if (column.isPresent() && member.isPresent()) {
                    columns.put(member.get(), column.get());
                }
            }
        }
        return Optional.of(new Entity(name, table, columns));
    }

    /**
     * The expression given to annotation attribute {@code name}; {@code "value"} also matches a
     * sole unnamed argument.
     */
    static Optional<Expression> attribute(AnnotationExpr annotation, String name) {
        return switch (annotation) {
            case SingleMemberAnnotationExpr single -> name.equals("value") ? Optional.of(single.getMemberValue())
                    : Optional.empty();
            case NormalAnnotationExpr normal -> normal.getPairs().stream()
                    .filter(p -> p.getNameAsString().equals(name)).findFirst().map(MemberValuePair::getValue);
            default -> Optional.empty();
        };
    }

    /** The constant value of annotation attribute {@code name}, if it has exactly one. */
    private static Optional<String> value(JavaSource s, AnnotationExpr annotation, String name,
                                          ConstantEvaluator evaluator) {
        return attribute(annotation, name).flatMap(e -> evaluator.evaluate(s, e))
                .filter(v -> v.variants().size() == 1).map(v -> v.variants().getFirst());
    }

    /** The field, or the attribute of the getter, that the annotation sits on. */
    private static Optional<String> annotatedMember(AnnotationExpr annotation) {
        return switch (annotation.getParentNode().orElse(annotation)) {
            case FieldDeclaration field -> Optional.of(field.getVariable(0).getNameAsString());
            case MethodDeclaration method -> Optional.of(method.getNameAsString())
                    .filter(m -> m.startsWith("get") && m.length() > 3)
                    .map(m -> Character.toLowerCase(m.charAt(3)) + m.substring(4));
            default -> Optional.empty();
        };
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
