package dev.shardwise.linters.rules;

import java.util.List;

/** What parsing and walking one SQL text found. */
sealed interface Analysis {

    /** The text parsed; every table reference it contains, resolved. */
    record Parsed(List<TableUse> uses) implements Analysis {
        public Parsed {
            uses = List.copyOf(uses);
        }
    }

    /** The text did not parse; {@code reason} is the parser's first line. */
    record Unparseable(String reason) implements Analysis {
    }
}
