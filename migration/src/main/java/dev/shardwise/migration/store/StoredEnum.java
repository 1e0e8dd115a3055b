package dev.shardwise.migration.store;

import dev.shardwise.migration.MigrationException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads an enum that the control plane stores by name. A value no constant has (written by another
 * version of the tool, or by hand) is a clear failure naming the migration, the column and the
 * allowed values, instead of {@code valueOf}'s bare "No enum constant".
 */
public final class StoredEnum {

    private StoredEnum() {
    }

    /** The constant of {@code type} named {@code stored}, read from {@code column} of migration {@code migrationId}. */
    public static <E extends Enum<E>> E parse(Class<E> type, long migrationId, String column, String stored) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(stored)) {
                return constant;
            }
        }
        throw MigrationException.failed("migration " + migrationId + ": column " + MigrationStore.SCHEMA
                + ".migrations." + column + " holds " + (stored == null ? "NULL" : "'" + stored + "'")
                + ", which is none of " + allowed(type) + "; it was written by another version of shardwise"
                + " migration or by hand. Set it to one of those with: infra/fleet psql control");
    }

    private static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
