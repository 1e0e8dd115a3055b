package dev.shardwise.graphql.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.routing.error.InvalidShardKeyException;
import dev.shardwise.routing.error.SchemaVersionMismatchException;
import dev.shardwise.routing.error.ShardNotWritableException;
import dev.shardwise.routing.error.ShardQueryException;
import dev.shardwise.routing.error.ShardUnavailableException;
import dev.shardwise.routing.error.StaleRouteException;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.dataplane.FenceState;
import java.lang.reflect.InvocationTargetException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    private static final ShardId SHARD = new ShardId(KeyspaceName.of("content"), 3);
    private static final String HOST = "127.0.0.1:25420";

    @Test
    void unreachableShardsAreRetryableUnavailability() {
        var down = new ShardUnavailableException(SHARD, ClusterId.of("c2"),
                "refused connections (jdbc:postgresql://" + HOST + "/shardwise)", new ConnectException(HOST));
        ApiException api = ErrorMapper.toApi(down);
        assertThat(api.code()).isEqualTo(ApiErrorCode.SHARD_UNAVAILABLE);
        assertThat(api).isInstanceOf(ApiException.ShardUnavailable.class);
        assertThat(api.getMessage()).contains("content/3").doesNotContain("127.0.0.1", "jdbc", "25420");

        assertThat(ErrorMapper.toApi(new StaleRouteException(SHARD, "c2", 1, 2, "ACTIVE")).code())
                .isEqualTo(ApiErrorCode.SHARD_UNAVAILABLE);
        assertThat(ErrorMapper.toApi(new ShardNotWritableException(SHARD, "c2", FenceState.FROZEN)).code())
                .isEqualTo(ApiErrorCode.SHARD_UNAVAILABLE);
    }

    @Test
    void productRefusalsKeepTheirCodeAndMessage() {
        for (AppException.Code code : AppException.Code.values()) {
            ApiException api = ErrorMapper.toApi(new AppException(code, "workspace not found"));
            assertThat(api.code().name()).isEqualTo(code.name());
            assertThat(api.getMessage()).isEqualTo("workspace not found");
        }
        assertThat(ErrorMapper.toApi(AppException.conflict("taken at db.internal:5432")).getMessage())
                .doesNotContain("db.internal");
    }

    @Test
    void invalidKeysAreBadUserInput() {
        ApiException api = ErrorMapper.toApi(new InvalidShardKeyException("keyspace 'content' is sharded by a UUID key"));
        assertThat(api.code()).isEqualTo(ApiErrorCode.BAD_USER_INPUT);
        assertThat(api.getMessage()).contains("UUID");
    }

    @Test
    void serverFaultsAreInternalWithAReferenceOnly() {
        var sql = new SQLException("duplicate key value violates unique constraint at 10.0.0.7:5432", "23505");
        ApiException query = ErrorMapper.toApi(new ShardQueryException(SHARD, "c1", sql));
        assertThat(query.code()).isEqualTo(ApiErrorCode.INTERNAL);
        assertThat(query.getMessage()).startsWith("internal error; reference ").doesNotContain("10.0.0.7", "duplicate");

        var conflict = new SQLException("could not serialize access", "40001");
        assertThat(ErrorMapper.toApi(new ShardQueryException(SHARD, "c1", conflict)).code())
                .isEqualTo(ApiErrorCode.SHARD_UNAVAILABLE);
        assertThat(ErrorMapper.toApi(new SchemaVersionMismatchException(SHARD, "c1", "content_0003", "1", "2")).code())
                .isEqualTo(ApiErrorCode.INTERNAL);
        assertThat(ErrorMapper.toApi(new IllegalStateException("pool at " + HOST + " exhausted")).getMessage())
                .doesNotContain(HOST);
    }

    @Test
    void wrappersAreSeenThroughAndApiExceptionsKept() {
        ApiException original = ApiException.of(ApiErrorCode.NOT_FOUND, "no such page");
        assertThat(ErrorMapper.toApi(new CompletionException(original))).isSameAs(original);
        assertThat(ErrorMapper.toApi(new InvocationTargetException(
                new ShardNotWritableException(SHARD, "c1", FenceState.FROZEN))).code()).isEqualTo(ApiErrorCode.SHARD_UNAVAILABLE);
    }

    @Test
    void everyCodeHasItsOwnAnnotatedType() {
        for (ApiErrorCode code : ApiErrorCode.values()) {
            // A refusal for too many attempts always says when to come back.
            ApiException api = code == ApiErrorCode.RATE_LIMITED ? ApiException.rateLimited("m", java.time.Duration.ofMillis(2_500))
                    : ApiException.of(code, "m");
            assertThat(api.code()).isEqualTo(code);
            assertThat(api.getClass().getAnnotation(io.smallrye.graphql.api.ErrorCode.class).value())
                    .isEqualTo(code.name());
            assertThat(api.getStackTrace()).isEmpty();
        }
    }

    @Test
    void aRateLimitedErrorCarriesItsRetryAfterInWholeSeconds() {
        var limited = ApiException.rateLimited("slow down", java.time.Duration.ofMillis(2_500));
        assertThat(limited.retryAfterSeconds()).isEqualTo(3);
        assertThat(limited.getExtensions()).containsEntry("retryAfterSeconds", jakarta.json.Json.createValue(3L));
        assertThat(ApiException.rateLimited("m", java.time.Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiException.of(ApiErrorCode.RATE_LIMITED, "m"))
                .hasMessageContaining("ApiException.rateLimited");
    }

    @Test
    void scrubRemovesAddresses() {
        assertThat(ErrorMapper.scrub("cannot reach jdbc:postgresql://127.0.0.1:25410/shardwise, redis://db.internal:6379"
                + " nor db-3.prod.example:5432 nor [::1]:5432 nor 10.1.2.3"))
                .doesNotContain("127.0.0.1", "25410", "db.internal", "db-3.prod", "::1", "10.1.2.3")
                .contains("cannot reach");
        assertThat(ErrorMapper.scrub("shard content/3 on cluster c2")).isEqualTo("shard content/3 on cluster c2");
    }
}
