package dev.shardwise.domains.product.content;

import dev.shardwise.aggregation.sql.SqlRow;
import dev.shardwise.domains.product.api.Views.InvitationView;
import dev.shardwise.domains.product.model.content.Role;
import java.sql.SQLException;

/**
 * The one mapping from an invitation row, joined with its workspace's name, to an
 * {@link InvitationView}: shared by the owners' list (content service) and the invitee's list
 * (directory service), whose statements both select {@link #COLUMNS}.
 */
public final class InvitationRows {

    /** The columns {@link #view} reads, for {@code invitations} aliased {@code i} and {@code workspaces} {@code w}. */
    public static final String COLUMNS = "i.workspace_id, w.name AS workspace_name, i.invitee_id, i.role, i.invited_by,"
            + " i.created_at AS invited_at, i.expires_at";

    private InvitationRows() {
    }

    public static InvitationView view(SqlRow r) throws SQLException {
        return new InvitationView(r.uuid("workspace_id"), r.text("workspace_name"), r.uuid("invitee_id"),
                r.enumValue(Role.class, "role"), r.uuid("invited_by"), r.instant("invited_at"), r.instant("expires_at"));
    }
}
