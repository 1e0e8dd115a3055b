package dev.shardwise.migration.store;

import java.util.Optional;

/**
 * The checkpoint of one table in a backfill or a verify.
 *
 * @param lastKey the key of the last row done (JSON), where the next batch resumes
 */
public record Progress(String table, long rowsTotal, long rowsDone, long bytesDone, Optional<String> lastKey,
                       boolean done) {

    public static Progress start(String table, long rowsTotal) {
        return new Progress(table, rowsTotal, 0, 0, Optional.empty(), false);
    }
}
