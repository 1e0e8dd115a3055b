package dev.shardwise.domains.product.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.content.Access.Need;
import dev.shardwise.domains.product.model.content.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessTest {

    @Test
    void nonMembersAreToldTheWorkspaceDoesNotExist() {
        for (Need need : Need.values()) {
            AppException e = catchThrowableOfType(AppException.class, () -> need.check(Optional.empty()));
            assertThat(e.code()).isEqualTo(AppException.Code.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("workspace not found");
        }
    }

    @Test
    void rolesGrantWritingAndOwnership() {
        assertThat(outcome(Need.WRITE, Role.VIEWER)).isEqualTo("FORBIDDEN");
        assertThat(outcome(Need.WRITE, Role.EDITOR)).isEqualTo("ok");
        assertThat(outcome(Need.OWN, Role.EDITOR)).isEqualTo("FORBIDDEN");
        assertThat(outcome(Need.OWN, Role.VIEWER)).isEqualTo("FORBIDDEN");
        assertThat(outcome(Need.OWN, Role.OWNER)).isEqualTo("ok");
        assertThat(outcome(Need.WRITE, Role.OWNER)).isEqualTo("ok");
    }

    private static String outcome(Need need, Role role) {
        try {
            need.check(Optional.of(role));
            return "ok";
        } catch (AppException e) {
            return e.code().name();
        }
    }
}
