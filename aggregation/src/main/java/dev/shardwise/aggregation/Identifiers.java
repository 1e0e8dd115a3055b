package dev.shardwise.aggregation;

import java.util.regex.Pattern;

/** Column and table names are spliced into SQL, so only plain lower-case identifiers are accepted. */
final class Identifiers {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    private Identifiers() {
    }

    static String check(String name) {
        if (!PLAIN.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }
}
