package dev.shardwise.migration.verify;

import java.time.Duration;

/**
 * What one verify run did.
 *
 * @param tables      tables compared in this run (tables a saved checkpoint marks done are skipped, not counted)
 * @param rowsChecked rows of the serving copy covered by the key ranges compared in this run
 * @param mismatches  keys reported as still different after catching up
 * @param took        wall time of the run
 */
public record VerifyReport(int tables, long rowsChecked, int mismatches, Duration took) {
}
