package dev.shardwise.linters.staticcheck;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithParameters;
import com.github.javaparser.ast.nodeTypes.NodeWithStatements;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a simple name used in a method body refers to, as far as the constant evaluator cares:
 * the nearest enclosing declaration of a local variable, parameter or catch/loop variable of that
 * name, looked up outwards from the use to the enclosing type (then it is no local, and may be a
 * field).
 */
final class LocalScope {

    /** What a name resolves to. */
    sealed interface Local {
    }

    /** A {@code String} or {@code var} local with an initializer, declared in {@code scope}. */
    record Declared(VariableDeclarator variable, Expression initializer, Node scope) implements Local {
    }

    /** A parameter, or a local whose value the evaluator cannot know (no initializer, not a string). */
    record Unknown() implements Local {
    }

    /** Not a local at all: the name may be a field. */
    record NotLocal() implements Local {
    }

    private LocalScope() {
    }

    static Local resolve(NameExpr use) {
        String name = use.getNameAsString();
        Node child = use;
        for (Node parent = use.getParentNode().orElse(null); parent != null;
             child = parent, parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof TypeDeclaration<?> || parent instanceof EnumConstantDeclaration
                    || parent instanceof ObjectCreationExpr && child instanceof BodyDeclaration<?>) {
                return new NotLocal();
            }
            Optional<Local> found = declaredIn(parent, child, name);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return new NotLocal();
    }

    /** Whether the declared variable is assigned again after its declaration and before {@code use}. */
    static boolean reassigned(Declared local, Node use) {
        String name = local.variable().getNameAsString();
        var declared = local.variable().getEnd().orElseThrow();
        var used = JavaSource.begin(use);
        return local.scope().findAll(AssignExpr.class).stream().anyMatch(a -> a.getTarget() instanceof NameExpr n
                && n.getNameAsString().equals(name) && JavaSource.begin(a).isAfter(declared)
                && JavaSource.begin(a).isBefore(used));
    }

    /** A declaration of {@code name} that {@code parent} makes visible to its child {@code child}. */
    private static Optional<Local> declaredIn(Node parent, Node child, String name) {
        return switch (parent) {
            case NodeWithStatements<?> block -> lastBefore(block.getStatements(), child, name, parent);
            case VariableDeclarationExpr e -> e.getVariables().stream()
                    .takeWhile(v -> v != child).filter(v -> v.getNameAsString().equals(name))
                    .reduce((a, b) -> b).map(v -> local(v, parent));
            case ForStmt f -> f.getInitialization().stream().flatMap(LocalScope::variables)
                    .filter(v -> v.getNameAsString().equals(name)).reduce((a, b) -> b).map(v -> local(v, parent));
            case ForEachStmt f -> f.getVariable().getVariables().stream().filter(v -> v.getNameAsString().equals(name))
                    .findFirst().map(v -> new Unknown());
            case TryStmt t -> t.getResources().stream().flatMap(LocalScope::variables)
                    .filter(v -> v.getNameAsString().equals(name)).findFirst().map(v -> local(v, parent));
            case CatchClause c -> c.getParameter().getNameAsString().equals(name) ? Optional.of(new Unknown())
                    : Optional.empty();
            case NodeWithParameters<?> p -> parameter(p.getParameters(), name);
            default -> Optional.empty();
        };
    }

    private static Optional<Local> lastBefore(List<Statement> statements, Node child, String name, Node scope) {
        return statements.stream().takeWhile(s -> s != child)
                .flatMap(s -> s instanceof ExpressionStmt e ? variables(e.getExpression()) : Stream.empty())
                .filter(v -> v.getNameAsString().equals(name)).reduce((a, b) -> b).map(v -> local(v, scope));
    }

    private static Optional<Local> parameter(List<Parameter> parameters, String name) {
        return parameters.stream().anyMatch(p -> p.getNameAsString().equals(name)) ? Optional.of(new Unknown())
                : Optional.empty();
    }

    private static Stream<VariableDeclarator> variables(Expression e) {
        return e instanceof VariableDeclarationExpr d ? d.getVariables().stream() : Stream.empty();
    }

    private static Local local(VariableDeclarator v, Node scope) {
        boolean evaluable = JavaSource.isString(v.getType()) || v.getType().isVarType();
        return evaluable && v.getInitializer().isPresent() ? new Declared(v, v.getInitializer().get(), scope)
                : new Unknown();
    }
}
