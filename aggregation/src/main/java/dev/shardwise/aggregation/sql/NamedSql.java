package dev.shardwise.aggregation.sql;

import dev.shardwise.routing.sql.SqlLexer.Token;
import dev.shardwise.routing.sql.SqlLexer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A SQL statement with {@code :name} parameters, parsed once with the code base's one SQL lexer
 * ({@link SqlLexer}, so a {@code :name} inside a literal, a comment or a quoted identifier is text
 * and {@code ::type} is a cast): the JDBC text with {@code ?} for each occurrence and the name of
 * each. Values are bound by name from {@link SqlParams}; a name the statement uses but the params
 * lack, or one the params carry but the statement never uses, is refused naming both sets, so a
 * typo cannot bind a value to the wrong place. Positional {@code ?} or {@code $1} parameters are
 * refused: a statement is written one way or the other, never both. Immutable and thread-safe.
 */
public final class NamedSql {

    private final String text;
    private final String jdbc;
    private final List<String> order;
    private final Set<String> names;
    /** Where each parameter occurrence ends in {@code text}, in {@code order}'s order. */
    private final int[] ends;

    private NamedSql(String text, String jdbc, List<String> order, int[] ends) {
        this.text = text;
        this.jdbc = jdbc;
        this.order = List.copyOf(order);
        this.names = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(order));
        this.ends = ends;
    }

    /** Parses {@code sql}; throws IllegalArgumentException for a positional parameter. */
    public static NamedSql of(String sql) {
        Objects.requireNonNull(sql, "sql");
        StringBuilder jdbc = new StringBuilder(sql.length());
        List<String> order = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        int at = 0;
        for (Token t : SqlLexer.tokenize(sql)) {
            if (t.kind() != SqlLexer.Kind.PARAM) {
                continue;
            }
            String name = t.parameterName().orElseThrow(() -> new IllegalArgumentException("positional parameter '"
                    + t.text() + "' at line " + t.line() + " of a named-parameter statement; write :name instead: "
                    + sql));
            jdbc.append(sql, at, t.start()).append('?');
            order.add(name);
            ends.add(t.end());
            at = t.end();
        }
        jdbc.append(sql, at, sql.length());
        return new NamedSql(sql, jdbc.toString(), order, ends.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The statements one after the other, without lexing them again: each part must be lexically
     * complete (no part ends inside a literal, a quoted identifier or a comment), as the parts of a
     * {@code UNION ALL} are.
     */
    public static NamedSql concat(List<NamedSql> parts) {
        StringBuilder text = new StringBuilder();
        StringBuilder jdbc = new StringBuilder();
        List<String> order = new ArrayList<>();
        int[] ends = new int[parts.stream().mapToInt(p -> p.ends.length).sum()];
        int next = 0;
        for (NamedSql part : parts) {
            for (int end : part.ends) {
                ends[next++] = text.length() + end;
            }
            text.append(part.text);
            jdbc.append(part.jdbc);
            order.addAll(part.order);
        }
        return new NamedSql(text.toString(), jdbc.toString(), order, ends);
    }

    /** The statement as written. */
    public String text() {
        return text;
    }

    /** The statement with {@code ?} in place of every parameter, as JDBC prepares it. */
    public String jdbc() {
        return jdbc;
    }

    /** The names the statement uses, in first-use order. */
    public Set<String> names() {
        return names;
    }

    /**
     * This statement with the parameters in {@code names} renamed {@code name_suffix}, so several
     * copies (one per shard of a cluster statement) can carry values of their own.
     */
    public NamedSql withSuffix(String suffix, Set<String> names) {
        StringBuilder out = new StringBuilder(text.length() + order.size() * (suffix.length() + 1));
        List<String> renamed = new ArrayList<>(order.size());
        int[] shifted = new int[ends.length];
        int at = 0;
        for (int i = 0; i < order.size(); i++) {
            out.append(text, at, ends[i]);
            at = ends[i];
            String name = order.get(i);
            if (names.contains(name)) {
                out.append('_').append(suffix);
                name = name + "_" + suffix;
            }
            renamed.add(name);
            shifted[i] = out.length();
        }
        out.append(text, at, text.length());
        // The JDBC text does not change: every parameter is a '?' whatever its name.
        return new NamedSql(out.toString(), jdbc, renamed, shifted);
    }

    /**
     * Prepares the statement on {@code connection} with {@code params} bound by name. The caller
     * closes the statement.
     */
    public PreparedStatement prepare(Connection connection, SqlParams params) throws SQLException {
        checkNames(params);
        PreparedStatement statement = connection.prepareStatement(jdbc);
        try {
            for (int i = 0; i < order.size(); i++) {
                params.bind(connection, statement, i + 1, order.get(i));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Throws unless {@code params} has exactly the names the statement uses. */
    void checkNames(SqlParams params) {
        Set<String> used = names();
        if (!used.equals(params.names())) {
            Set<String> missing = new LinkedHashSet<>(used);
            missing.removeAll(params.names());
            Set<String> unused = new LinkedHashSet<>(params.names());
            unused.removeAll(used);
            throw new IllegalArgumentException("parameters do not match the statement: missing " + missing
                    + ", not used by it " + unused + "; statement: " + text);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
