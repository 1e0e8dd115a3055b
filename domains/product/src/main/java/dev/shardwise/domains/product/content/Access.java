package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.NamedSql;
import dev.shardwise.aggregation.sql.SqlParams;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.model.SessionSql;
import dev.shardwise.domains.product.model.content.Role;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Who may do what in a workspace, decided from the caller's membership row read in the same unit
 * of work as the operation it guards. Someone who is not a member gets exactly the error a missing
 * workspace gives, so probing ids reveals nothing.
 */
final class Access {

    static final String WORKSPACE = "workspace";
    private static final NamedSql ROLE = NamedSql.of(
            "SELECT role FROM memberships WHERE workspace_id = :ws AND user_id = :user");

    private Access() {
    }

    /** What an operation needs from the caller's role. */
    enum Need {
        WRITE, OWN;

        /** Throws unless {@code role} (absent: not a member) allows this need. */
        void check(Optional<Role> role) {
            Role held = role.orElseThrow(() -> AppException.notFound(WORKSPACE));
            if (this == WRITE && held == Role.VIEWER) {
                throw AppException.forbidden("viewers cannot change this workspace");
            }
            if (this == OWN && held != Role.OWNER) {
                throw AppException.forbidden("only owners can manage members");
            }
        }
    }

    /**
     * The caller's role in the workspace, if a member: named SQL, because every content write
     * asks (an entity load costs several times the statement; ADR 0012).
     */
    static Optional<Role> role(Session s, UUID workspaceId, UUID userId) {
        return SessionSql.list(s, ROLE, SqlParams.of("ws", workspaceId, "user", userId),
                r -> r.enumValue(Role.class, "role")).stream().findFirst();
    }

    /** Reads the caller's membership and throws unless it allows {@code need}. */
    static void require(Session s, Caller caller, UUID workspaceId, Need need) {
        need.check(role(s, workspaceId, caller.userId()));
    }
}
