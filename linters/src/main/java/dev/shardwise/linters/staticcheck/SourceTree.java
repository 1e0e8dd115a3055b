package dev.shardwise.linters.staticcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files of a repository the static check reads: Java sources and {@code .sql} files, in a
 * stable order. Build output ({@code target}, {@code build}, {@code node_modules}) and hidden
 * directories ({@code .git}, the fleets' {@code .fleet*} data) are never read; test sources
 * ({@code src/test/**}) only when asked for, because tests deliberately issue statements the rules
 * refuse (the linters' own fixtures above all).
 *
 * @param root         the repository root
 * @param javaFiles    every {@code .java} file in scope
 * @param sqlFiles     every {@code .sql} file in scope
 */
public record SourceTree(Path root, List<Path> javaFiles, List<Path> sqlFiles) {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "build", "node_modules", "out");

    public SourceTree {
        javaFiles = List.copyOf(javaFiles);
        sqlFiles = List.copyOf(sqlFiles);
    }

    /** Walks {@code root}. */
    public static SourceTree scan(Path root, boolean includeTests) {
        Path base = root.toAbsolutePath().normalize();
        List<Path> java = new ArrayList<>();
        List<Path> sql = new ArrayList<>();
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (!dir.equals(base) && (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name)
                            || (!includeTests && isTestSources(base.relativize(dir))))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".java")) {
                        java.add(file);
                    } else if (name.endsWith(".sql")) {
                        sql.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the repository under " + base + ": " + e.getMessage(), e);
        }
        java.sort(null);
        sql.sort(null);
        return new SourceTree(base, java, sql);
    }

    /** {@code …/src/test} (Maven's test tree, sources and resources). */
    static boolean isTestSources(Path relative) {
        int n = relative.getNameCount();
        return n >= 2 && relative.getName(n - 2).toString().equals("src") && relative.getName(n - 1).toString().equals("test");
    }

    /** {@code file} relative to the root, with {@code /} separators, as reports and SARIF name it. */
    public String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** Reads a file as UTF-8. */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
