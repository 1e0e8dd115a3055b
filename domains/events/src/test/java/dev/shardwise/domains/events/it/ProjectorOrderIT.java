package dev.shardwise.domains.events.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.platform.ControlPlane;
import dev.shardwise.domains.platform.DataAccess;
import dev.shardwise.domains.product.ProductData;
import dev.shardwise.domains.product.events.MembershipEvent;
import dev.shardwise.domains.product.events.MembershipEvent.Type;
import dev.shardwise.domains.product.events.UserWorkspacesProjector;
import dev.shardwise.domains.product.events.UserWorkspacesProjector.Outcome;
import dev.shardwise.domains.product.model.ProductEntities;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.domains.product.testing.Linting;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.exec.PoolSettings;
import dev.shardwise.routing.exec.Unit;
import dev.shardwise.routing.id.UuidV7;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The projector under every delivery order: membership and invitation events of one user and
 * workspace share a timeline but change different rows, and whatever order they arrive in (Kafka
 * redelivery, the direct read-your-writes path racing Kafka), both rows end as the newest event
 * that changes each says.
 */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectorOrderIT {

    private static final KeyspaceName IDENTITY = KeyspaceName.of("identity");

    private final Clock clock = Clock.systemUTC();
    private final UuidV7 ids = new UuidV7(clock);
    private ControlPlane controlPlane;
    private DataAccess data;
    private UserWorkspacesProjector projector;

    @BeforeAll
    void setUp(Fleet fleet) {
        controlPlane = new ControlPlane(fleet.endpoints(), SchemaDomains.load(), clock, System.out::println);
        controlPlane.bootstrap();
        controlPlane.migrateAll();
        data = DataAccess.open(fleet.endpoints(), DataAccess.Settings.of(controlPlane,
                        PoolSettings.of(fleet.endpoints().user(), fleet.endpoints().password()).withSizes(4, 2))
                .withEntities(ProductEntities.byDomain())
                .withHooks(List.of(Linting.raising())), clock);
        projector = new UserWorkspacesProjector(ProductData.of(data, SchemaDomains.load()), clock);
    }

    @AfterAll
    void tearDown() {
        data.close();
        controlPlane.close();
    }

    @Test
    void aLateInvitationCannotReopenOneThatWasAccepted() {
        UUID user = ids.next();
        UUID ws = ids.next();
        Instant t = now();
        assertThat(projector.apply(event(Type.MEMBER_ADDED, user, ws, Role.EDITOR, t.plusMillis(1))))
                .isEqualTo(Outcome.APPLIED);
        assertThat(projector.apply(event(Type.INVITED, user, ws, Role.EDITOR, t))).isEqualTo(Outcome.SUPERSEDED);
        assertThat(role(user, ws, "user_workspaces")).contains(Role.EDITOR);
        assertThat(role(user, ws, "pending_invitations")).isEmpty();
    }

    @Test
    void aNewerInvitationDoesNotHideAnOlderRemoval() {
        UUID user = ids.next();
        UUID ws = ids.next();
        Instant t = now();
        projector.apply(event(Type.MEMBER_ADDED, user, ws, Role.EDITOR, t));
        projector.apply(event(Type.INVITED, user, ws, Role.VIEWER, t.plusMillis(3)));
        assertThat(projector.apply(event(Type.MEMBER_REMOVED, user, ws, Role.EDITOR, t.plusMillis(2))))
                .as("the removal is the newest membership change").isEqualTo(Outcome.APPLIED);
        assertThat(role(user, ws, "user_workspaces")).isEmpty();
        assertThat(role(user, ws, "pending_invitations")).contains(Role.VIEWER);
    }

    @Test
    void everyOrderOfAJoinLeaveAndReinviteEndsTheSame() {
        Instant t = now();
        List<Spec> history = List.of(new Spec(Type.INVITED, Role.EDITOR, 1), new Spec(Type.MEMBER_ADDED, Role.EDITOR, 2),
                new Spec(Type.MEMBER_REMOVED, Role.EDITOR, 3), new Spec(Type.INVITED, Role.VIEWER, 4));
        for (List<Spec> order : permutations(history)) {
            UUID user = ids.next();
            UUID ws = ids.next();
            for (Spec spec : order) {
                MembershipEvent e = event(spec.type(), user, ws, spec.role(), t.plusMillis(spec.at()));
                projector.apply(e);
                assertThat(projector.apply(e)).as("a redelivery of %s", spec).isEqualTo(Outcome.DUPLICATE);
            }
            assertThat(role(user, ws, "user_workspaces")).as("membership after %s", order).isEmpty();
            assertThat(role(user, ws, "pending_invitations")).as("invitation after %s", order).contains(Role.VIEWER);
        }
    }

    @Test
    void everyOrderOfADeclineAndAReinviteEndsInvited() {
        Instant t = now();
        List<Spec> history = List.of(new Spec(Type.INVITED, Role.EDITOR, 1),
                new Spec(Type.INVITATION_CLOSED, Role.EDITOR, 2), new Spec(Type.INVITED, Role.OWNER, 3),
                new Spec(Type.MEMBER_ADDED, Role.OWNER, 4));
        for (List<Spec> order : permutations(history)) {
            UUID user = ids.next();
            UUID ws = ids.next();
            order.forEach(spec -> projector.apply(event(spec.type(), user, ws, spec.role(), t.plusMillis(spec.at()))));
            assertThat(role(user, ws, "user_workspaces")).as("membership after %s", order).contains(Role.OWNER);
            assertThat(role(user, ws, "pending_invitations")).as("invitation after %s", order).isEmpty();
        }
    }

    /** One event of a history: its type, role and time offset. */
    private record Spec(Type type, Role role, int at) {
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> one = new ArrayList<>();
                one.add(head);
                one.addAll(tail);
                out.add(one);
            }
        }
        return out;
    }

    private MembershipEvent event(Type type, UUID user, UUID ws, Role role, Instant at) {
        return new MembershipEvent(ids.next(), type, ws, user, role, at);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The role in the user's row of {@code table} ({@code user_workspaces} or {@code pending_invitations}). */
    private Optional<Role> role(UUID userId, UUID workspaceId, String table) {
        return data.router().run(Unit.read(IDENTITY, ShardKey.of(userId)), s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "SELECT role FROM " + table + " WHERE user_id = ? AND workspace_id = ?")) {
                ps.setObject(1, userId);
                ps.setObject(2, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Role.valueOf(rs.getString(1))) : Optional.<Role>empty();
                }
            }
        });
    }
}
