package dev.shardwise.linters.staticcheck;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseException;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Java file as the SQL extractor sees it: its syntax tree (JavaParser, Java 21), its first
 * top-level type's name, its imports, and the string declarations it can evaluate: {@code final
 * String} fields (and an interface's constants, which are final without saying so), and simple
 * string methods (a single {@code return} of an expression over {@code String} parameters, e.g. a
 * SQL fragment builder). Local variables are looked up where they are used ({@link LocalScope}).
 *
 * @param path      repository-relative path
 * @param className the simple name of the file's first top-level type; empty if it has none
 * @param imports   each import as written, {@code static } and {@code .*} included
 * @param fields    initializer of each evaluable field, by name (the first declared wins)
 * @param methods   the simple string methods, by name (the first declared wins)
 */
record JavaSource(String path, CompilationUnit unit, String className, List<String> imports,
                  Map<String, Expression> fields, Map<String, StringMethod> methods) {

    /** The language level of the code base ({@code maven.compiler.release}). */
    static final LanguageLevel LANGUAGE_LEVEL = LanguageLevel.JAVA_21;
    private static final Pattern LEXICAL_ERROR = Pattern.compile("at line (\\d+), column \\d+\\..*? after : \"(.*)\"",
            Pattern.DOTALL);

    /** {@code String name(String p1, …) { return body; }}. */
    record StringMethod(String name, List<String> parameters, Expression body) {
    }

    /** A file that is not valid Java at {@link #LANGUAGE_LEVEL}, at its first problem. */
    static final class JavaSyntaxException extends RuntimeException {

        private final String path;
        private final int line;
        private final String problem;

        JavaSyntaxException(String path, int line, String problem) {
            super(path + ":" + line + ": not valid Java " + LANGUAGE_LEVEL.name().substring(5) + ": " + problem);
            this.path = path;
            this.line = line;
            this.problem = problem;
        }

        /** What the parser objects to, in one line. */
        String problem() {
            return problem;
        }

        String path() {
            return path;
        }

        int line() {
            return line;
        }
    }

    JavaSource {
        imports = List.copyOf(imports);
        fields = Map.copyOf(fields);
        methods = Map.copyOf(methods);
    }

    /**
     * Parses {@code text}.
     *
     * @throws JavaSyntaxException if it is not valid Java at {@link #LANGUAGE_LEVEL}
     */
    static JavaSource parse(String path, String text) {
        ParserConfiguration configuration = new ParserConfiguration().setLanguageLevel(LANGUAGE_LEVEL)
                .setAttributeComments(false);
        ParseResult<CompilationUnit> result = new JavaParser(configuration).parse(text);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            Optional<Problem> first = result.getProblems().stream().findFirst();
            throw new JavaSyntaxException(path, first.map(JavaSource::line).orElse(1),
                    first.map(JavaSource::describe).orElse("the parser gave no syntax tree"));
        }
        CompilationUnit unit = result.getResult().get();
        String className = unit.getTypes().isEmpty() ? "" : unit.getType(0).getNameAsString();
        List<String> imports = unit.getImports().stream().map(i -> (i.isStatic() ? "static " : "")
                + i.getNameAsString() + (i.isAsterisk() ? ".*" : "")).toList();
        Map<String, Expression> fields = new HashMap<>();
        for (FieldDeclaration f : unit.findAll(FieldDeclaration.class)) {
            if (f.isFinal() || inInterface(f)) {
                for (VariableDeclarator v : f.getVariables()) {
                    if (isString(v.getType()) && v.getInitializer().isPresent()) {
                        fields.putIfAbsent(v.getNameAsString(), v.getInitializer().get());
                    }
                }
            }
        }
        Map<String, StringMethod> methods = new HashMap<>();
        unit.findAll(MethodDeclaration.class).forEach(m -> stringMethod(m)
                .ifPresent(s -> methods.putIfAbsent(s.name(), s)));
        return new JavaSource(path, unit, className, imports, fields, methods);
    }

    /** The line of the token a parse problem is about (the problem's own range starts where recovery did). */
    private static int line(Problem problem) {
        if (problem.getCause().orElse(null) instanceof ParseException e && e.currentToken != null
                && e.currentToken.next != null) {
            return e.currentToken.next.beginLine;
        }
        Matcher lexical = LEXICAL_ERROR.matcher(problem.getMessage());
        if (lexical.find()) {
            // The lexer stops where the bad token ends (often the end of the file); it started
            // as many lines earlier as its consumed text, shown escaped, holds line breaks.
            String consumed = lexical.group(2);
            return Math.max(1, Integer.parseInt(lexical.group(1)) - (consumed.split("\\\\n", -1).length - 1));
        }
        return problem.getLocation().flatMap(r -> r.getBegin().getRange()).map(r -> r.begin.line).orElse(1);
    }

    /** The problem in one line, without the parser's list of every token it would have accepted. */
    private static String describe(Problem problem) {
        String first = problem.getMessage().lines().findFirst().orElse("").strip();
        int expected = first.indexOf(", expected one of");
        return expected < 0 ? first : first.substring(0, expected);
    }

    /** Whether {@code type} is {@code String} (or {@code java.lang.String}). */
    static boolean isString(Type type) {
        String written = type.asString();
        return written.equals("String") || written.equals("java.lang.String");
    }

    /** The 1-based line a node starts on. */
    static int line(Node node) {
        return begin(node).line;
    }

    /** Where a node starts (every node of a parsed file has a range). */
    static Position begin(Node node) {
        return node.getBegin().orElseThrow(() -> new IllegalStateException("a parsed node without a position"));
    }

    private static boolean inInterface(FieldDeclaration f) {
        return f.getParentNode().filter(p -> p instanceof ClassOrInterfaceDeclaration c && c.isInterface())
                .isPresent();
    }

    private static Optional<StringMethod> stringMethod(MethodDeclaration m) {
        if (!isString(m.getType()) || m.getBody().isEmpty() || m.getBody().get().getStatements().size() != 1
                || !(m.getBody().get().getStatement(0) instanceof ReturnStmt ret) || ret.getExpression().isEmpty()) {
            return Optional.empty();
        }
        List<String> parameters = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            if (!isString(p.getType()) || p.isVarArgs()) {
                return Optional.empty();
            }
            parameters.add(p.getNameAsString());
        }
        return Optional.of(new StringMethod(m.getNameAsString(), parameters, ret.getExpression().get()));
    }
}
