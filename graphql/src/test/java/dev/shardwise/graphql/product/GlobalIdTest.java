package dev.shardwise.graphql.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.graphql.error.ApiErrorCode;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.product.GlobalId.BlockId;
import dev.shardwise.graphql.product.GlobalId.CommentId;
import dev.shardwise.graphql.product.GlobalId.MembershipId;
import dev.shardwise.graphql.product.GlobalId.PageId;
import dev.shardwise.graphql.product.GlobalId.UserId;
import dev.shardwise.graphql.product.GlobalId.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GlobalIdTest {

    private static final UUID A = UUID.fromString("0190f3a2-7b1c-7d2e-8f00-123456789abc");
    private static final UUID B = UUID.fromString("0190f3a2-7b1c-7d2e-8f00-cba987654321");

    @Test
    void everyKindRoundTripsAndCarriesItsShardKeyFirst() throws ApiException {
        List<GlobalId> ids = List.of(new UserId(A), new WorkspaceId(A), new MembershipId(A, B), new PageId(A, B),
                new BlockId(A, B), new CommentId(A, B));
        for (GlobalId id : ids) {
            String wire = id.encode();
            assertThat(wire).matches("[A-Za-z0-9_-]+");
            assertThat(GlobalId.decode("id", wire)).isEqualTo(id);
            assertThat(id.keys().getFirst()).isEqualTo(A);
        }
        assertThat(new String(Base64.getUrlDecoder().decode(new PageId(A, B).encode()), StandardCharsets.UTF_8))
                .isEqualTo("Page:" + A + ":" + B);
    }

    @Test
    void typedDecodingRefusesOtherTypes() throws ApiException {
        String page = new PageId(A, B).encode();
        assertThat(GlobalId.decode("pageId", page, PageId.class)).isEqualTo(new PageId(A, B));
        assertThatThrownBy(() -> GlobalId.decode("workspaceId", page, WorkspaceId.class))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ApiErrorCode.BAD_USER_INPUT);
                    assertThat(e.getMessage()).contains("workspaceId", "Workspace", "Page");
                });
    }

    @Test
    void malformedIdsAreBadUserInput() {
        for (String bad : new String[] {"", "%%%", encode("Page:" + A), encode("Page:" + A + ":" + B + ":" + A),
            encode("Page:" + A + ":nope"), encode("page:" + A + ":" + B), encode("Node:" + A), encode("User:1-1-1-1-1"),
            encode("User:"), "x".repeat(257)}) {
            assertThatThrownBy(() -> GlobalId.decode("id", bad)).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(ApiErrorCode.BAD_USER_INPUT);
                        assertThat(e.getMessage()).isEqualTo("`id` is not a valid id");
                    });
        }
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
