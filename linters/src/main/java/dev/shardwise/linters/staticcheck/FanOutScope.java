package dev.shardwise.linters.staticcheck;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Where in a Java file statements run inside a unit of work of the explicit fan-out API (a
 * {@code run(unit, work)} call whose unit is built with {@code .asFanOut()}, as in
 * {@code router.run(Unit.read(shard).asFanOut(), work)} or the same on {@code ShardedSessions}),
 * where the runtime linter accepts a statement without a shard key. The static check gives those
 * statements the same fan-out context:
 *
 * <ul>
 *   <li>code inside the work arguments of a fan-out call (the unit-of-work lambda or method
 *       reference), and</li>
 *   <li>the bodies of the file's {@code private} methods that are called only from such code
 *       (directly or through other such methods), e.g. {@code run(Unit.write(shard).asFanOut(), s ->
 *       relayBatch(s.connection()))} makes {@code relayBatch} and what it alone calls fan-out.</li>
 * </ul>
 * A method that is also called from elsewhere, or that is not private (so callers in other files
 * are unknown), is not fan-out; its statements need the shard key, or an exemption. Methods are
 * told apart by name, as calls name them.
 */
final class FanOutScope {

    /** The method that runs a unit of work, and the call that marks its unit as a fan-out. */
    static final String RUN = "run";
    static final String AS_FAN_OUT = "asFanOut";

    /** The fan-out calls' arguments and the fan-out methods' bodies (by identity). */
    private final Set<Node> regions;

    private FanOutScope(Set<Node> regions) {
        this.regions = regions;
    }

    /** Whether {@code node} runs in a fan-out unit of work (is, or is inside, a region). */
    boolean contains(Node node) {
        for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
            if (regions.contains(n)) {
                return true;
            }
        }
        return false;
    }

    static FanOutScope of(JavaSource file) {
        Set<Node> regions = Collections.newSetFromMap(new IdentityHashMap<>());
        for (MethodCallExpr call : file.unit().findAll(MethodCallExpr.class)) {
            if (isFanOutRun(call)) {
                regions.addAll(call.getArguments().subList(1, call.getArguments().size()));
            }
        }
        FanOutScope scope = new FanOutScope(regions);
        if (regions.isEmpty()) {
            return scope;
        }
        List<MethodDeclaration> methods = file.unit().findAll(MethodDeclaration.class,
                m -> m.isPrivate() && m.getBody().isPresent());
        List<Node> uses = new ArrayList<>(file.unit().findAll(MethodCallExpr.class));
        uses.addAll(file.unit().findAll(MethodReferenceExpr.class));
        Set<String> fanOut = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (MethodDeclaration m : methods) {
                if (!fanOut.contains(m.getNameAsString()) && scope.calledOnlyFromRegions(m.getNameAsString(), uses)) {
                    fanOut.add(m.getNameAsString());
                    regions.add(m.getBody().orElseThrow());
                    changed = true;
                }
            }
        }
        return scope;
    }

    /** Whether {@code name} is called (or referenced) at least once, and only inside the regions. */
    private boolean calledOnlyFromRegions(String name, List<Node> uses) {
        int calls = 0;
        for (Node use : uses) {
            boolean named = use instanceof MethodCallExpr c ? c.getNameAsString().equals(name)
                    : ((MethodReferenceExpr) use).getIdentifier().equals(name);
            if (named) {
                if (!contains(use)) {
                    return false;
                }
                calls++;
            }
        }
        return calls > 0;
    }

    /** {@code run(<unit>, work…)} whose unit expression calls {@code asFanOut()}. */
    private static boolean isFanOutRun(MethodCallExpr call) {
        return call.getNameAsString().equals(RUN) && call.getArguments().size() >= 2
                && call.getArgument(0).findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals(AS_FAN_OUT))
                .isPresent();
    }
}
