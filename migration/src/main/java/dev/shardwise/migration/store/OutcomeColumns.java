package dev.shardwise.migration.store;

import dev.shardwise.migration.ActionOutcome.Done;
import dev.shardwise.migration.ActionOutcome.Failed;
import dev.shardwise.migration.ActionOutcome.Refused;
import dev.shardwise.migration.ActionOutcome;
import dev.shardwise.migration.Refusal;
import java.util.Optional;

/**
 * An {@link ActionOutcome} as the migration row stores it: {@code request_outcome} (the kind),
 * {@code request_refusal} (the reason, for a refusal only) and {@code request_message}. The table's check
 * constraints keep the three consistent; the names are read back with {@link StoredEnum}.
 */
record OutcomeColumns(String outcome, Optional<String> refusal, String message) {

    /** The values of {@code request_outcome}. */
    enum Kind {
        DONE, REFUSED, FAILED
    }

    static OutcomeColumns of(ActionOutcome o) {
        return switch (o) {
            case Done d -> new OutcomeColumns(Kind.DONE.name(), Optional.empty(), d.message());
            case Refused r -> new OutcomeColumns(Kind.REFUSED.name(), Optional.of(r.reason().name()), r.message());
            case Failed f -> new OutcomeColumns(Kind.FAILED.name(), Optional.empty(), f.message());
        };
    }

    ActionOutcome decode(long migrationId) {
        return switch (StoredEnum.parse(Kind.class, migrationId, "request_outcome", outcome)) {
            case DONE -> new Done(message);
            case REFUSED -> new Refused(StoredEnum.parse(Refusal.class, migrationId, "request_refusal",
                    refusal.orElse(null)), message);
            case FAILED -> new Failed(message);
        };
    }
}
