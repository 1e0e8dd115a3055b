package dev.shardwise.linters.runtime;

import java.security.CodeSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Finds the application frame that issued a statement, for messages. */
final class CallSite {

    /** Frames of these packages are plumbing between the application and the database. */
    private static final List<String> PLUMBING = List.of("dev.shardwise.routing.", "org.hibernate.", "java.",
            "javax.", "jdk.", "sun.", "com.sun.", "jakarta.", "org.postgresql.", "com.zaxxer.", "io.agroal.",
            "io.smallrye.", "io.quarkus.arc.");
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private CallSite() {
    }

    static String find() {
        Optional<CodeSource> linters = codeSource(CallSite.class);
        return WALKER.walk(frames -> frames
                .filter(f -> PLUMBING.stream().noneMatch(p -> f.getClassName().startsWith(p))
                        && !f.getClassName().contains("$Proxy")
                        // The linter's own classes, whatever their package (not tests that call it).
                        && !(linters.isPresent() && Objects.equals(codeSource(f.getDeclaringClass()), linters)))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .orElse("an unknown call site"));
    }

    private static Optional<CodeSource> codeSource(Class<?> type) {
        return Optional.ofNullable(type.getProtectionDomain().getCodeSource());
    }
}
