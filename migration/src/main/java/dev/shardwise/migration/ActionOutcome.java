package dev.shardwise.migration;

import java.util.Objects;

/**
 * How an operator action ended: {@link Done}, or a {@link Problem} ({@link Refused} with its
 * {@link Refusal reason}, or {@link Failed}). This is the answer an attached worker gives to a
 * request posted in the control plane, stored in typed columns and read back by the requester, so
 * that the requester returns or throws exactly what it would have had it acted itself.
 */
public sealed interface ActionOutcome {

    /** For people: what happened, or what must be true first, or how to continue. */
    String message();

    /** The action was carried out. */
    record Done(String message) implements ActionOutcome {
        public Done {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The action did not complete; a {@link MigrationException} carries it. */
    sealed interface Problem extends ActionOutcome {
    }

    /** The action is unsafe or impossible now; nothing was changed. */
    record Refused(Refusal reason, String message) implements Problem {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The action was attempted and failed; state is consistent and the message says how to continue. */
    record Failed(String message) implements Problem {
        public Failed {
            Objects.requireNonNull(message, "message");
        }
    }
}
