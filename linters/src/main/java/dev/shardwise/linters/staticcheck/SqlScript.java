package dev.shardwise.linters.staticcheck;

import dev.shardwise.routing.sql.SqlLexer;
import dev.shardwise.routing.sql.SqlLexer.Kind;
import dev.shardwise.routing.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at top-level semicolons, using {@link SqlLexer} so that a
 * semicolon inside a comment, a string, a quoted identifier or a dollar-quoted body never ends a
 * statement.
 *
 * <p>Comments before a statement belong to it (so an inline {@code shardwise:allow} marker on the
 * line above a statement applies to that statement); a statement's line is the line of its first
 * token that is not a comment. Empty statements (only comments or nothing between semicolons)
 * are dropped.
 */
public final class SqlScript {

    /**
     * One statement of a script.
     *
     * @param text the statement as written, with its leading comments, without the semicolon
     * @param line 1-based line (in the script) of its first token that is not a comment
     */
    public record Statement(String text, int line) {
    }

    private SqlScript() {
    }

    /** The statements of {@code script}, in order. */
    public static List<Statement> split(String script) {
        List<Statement> out = new ArrayList<>();
        int start = -1;
        int line = -1;
        for (Token t : SqlLexer.tokenize(script)) {
            if (t.isSymbol(";")) {
                if (line > 0) {
                    out.add(new Statement(script.substring(start, t.start()).strip(), line));
                }
                start = -1;
                line = -1;
                continue;
            }
            if (start < 0) {
                start = t.start();
            }
            if (line < 0 && t.kind() != Kind.COMMENT) {
                line = t.line();
            }
        }
        if (line > 0) {
            out.add(new Statement(script.substring(start).strip(), line));
        }
        return out;
    }
}
