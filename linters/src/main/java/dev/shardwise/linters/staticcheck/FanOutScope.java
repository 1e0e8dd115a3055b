package dev.shardwise.linters.staticcheck;

import dev.shardwise.linters.staticcheck.JavaLexer.Kind;
import dev.shardwise.linters.staticcheck.JavaLexer.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where in a Java file statements run inside a unit of work of the aggregation layer's explicit
 * fan-out API ({@code Router.readForFanOut} / {@code writeForFanOut}), where the runtime linter
 * accepts a statement without a shard key. The static check gives those statements the same
 * fan-out context:
 *
 * <ul>
 *   <li>code inside the arguments of a fan-out call (the unit-of-work lambda), and</li>
 *   <li>the bodies of the file's {@code private} methods that are called only from such code
 *       (directly or through other such methods), e.g. {@code writeForFanOut(shard, s ->
 *       relayBatch(s.connection()))} makes {@code relayBatch} and what it alone calls fan-out.</li>
 * </ul>
 * A method that is also called from elsewhere, or that is not private (so callers in other files
 * are unknown), is not fan-out; its statements need the shard key, or an exemption.
 */
final class FanOutScope {

    /** The fan-out API's methods. */
    static final Set<String> FAN_OUT_APIS = Set.of("readForFanOut", "writeForFanOut");

    private record Method(String name, int bodyFrom, int bodyTo) {
    }

    private final List<int[]> regions;

    private FanOutScope(List<int[]> regions) {
        this.regions = List.copyOf(regions);
    }

    /** Whether token {@code at} runs in a fan-out unit of work. */
    boolean contains(int at) {
        return regions.stream().anyMatch(r -> r[0] < at && at < r[1]);
    }

    static FanOutScope of(JavaSource file) {
        List<Token> tokens = file.tokens();
        List<int[]> regions = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).kind() == Kind.IDENT && FAN_OUT_APIS.contains(tokens.get(i).text())
                    && tokens.get(i + 1).is("(") && file.match()[i + 1] > i) {
                regions.add(new int[] {i + 1, file.match()[i + 1]});
            }
        }
        if (regions.isEmpty()) {
            return new FanOutScope(regions);
        }
        List<Method> methods = privateMethods(file);
        Set<String> fanOut = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Method m : methods) {
                if (!fanOut.contains(m.name()) && calledOnlyFrom(file, m, regions)) {
                    fanOut.add(m.name());
                    regions.add(new int[] {m.bodyFrom(), m.bodyTo()});
                    changed = true;
                }
            }
        }
        return new FanOutScope(regions);
    }

    private static boolean calledOnlyFrom(JavaSource file, Method m, List<int[]> regions) {
        List<Token> tokens = file.tokens();
        int calls = 0;
        for (int i = 1; i + 1 < tokens.size(); i++) {
            boolean call = tokens.get(i).isIdent(m.name()) && tokens.get(i + 1).is("(") && !isDeclaration(tokens, i);
            boolean reference = tokens.get(i).isIdent(m.name()) && tokens.get(i - 1).is("::");
            if (call || reference) {
                int at = i;
                if (regions.stream().noneMatch(r -> r[0] < at && at < r[1])) {
                    return false;
                }
                calls++;
            }
        }
        return calls > 0;
    }

    private static boolean isDeclaration(List<Token> tokens, int nameAt) {
        Token before = tokens.get(nameAt - 1);
        return (before.kind() == Kind.IDENT && !Set.of("return", "throw", "yield", "case", "else", "new")
                .contains(before.text())) || before.is(">") || before.is("]");
    }

    /** Private methods with a body: {@code private … name(…) [throws …] { … }}. */
    private static List<Method> privateMethods(JavaSource file) {
        List<Token> tokens = file.tokens();
        List<Method> out = new ArrayList<>();
        for (int i = 1; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).kind() != Kind.IDENT || !tokens.get(i + 1).is("(") || !isDeclaration(tokens, i)
                    || !isPrivate(tokens, i)) {
                continue;
            }
            int body = file.match()[i + 1] + 1;
            while (body > 0 && body < tokens.size() && !tokens.get(body).is("{") && !tokens.get(body).is(";")) {
                body++;
            }
            if (body > 0 && body < tokens.size() && tokens.get(body).is("{") && file.match()[body] > body) {
                out.add(new Method(tokens.get(i).text(), body, file.match()[body]));
            }
        }
        return out;
    }

    private static boolean isPrivate(List<Token> tokens, int nameAt) {
        for (int k = nameAt - 1; k >= 0; k--) {
            Token t = tokens.get(k);
            if (t.isIdent("private")) {
                return true;
            }
            if (t.is(";") || t.is("{") || t.is("}")) {
                return false;
            }
        }
        return false;
    }
}
