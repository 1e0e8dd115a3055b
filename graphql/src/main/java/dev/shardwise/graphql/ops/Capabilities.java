package dev.shardwise.graphql.ops;

import dev.shardwise.domains.product.api.AuthApi;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.graphql.error.ApiErrorCode;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.platform.ShardwiseConfig;
import dev.shardwise.graphql.product.RequestCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator capabilities of the caller: {@code ADMIN} (the {@code fleet} query) for users whose
 * email is listed in {@code shardwise.api.admins}, {@code ANALYST} ({@code reporting}) for
 * {@code shardwise.api.analysts} (comma-separated, case-insensitive). The caller's email is read
 * from their identity shard at request time, so a config change applies on restart and no token
 * carries a role. A signed-in user without the capability gets FORBIDDEN; no token, UNAUTHENTICATED.
 */
@RequestScoped
public class Capabilities {

    /** What an operator field needs. */
    public enum Capability { ADMIN, ANALYST }

    private final RequestCaller callers;
    private final AuthApi auth;
    private final Set<String> admins;
    private final Set<String> analysts;

    @Inject
    public Capabilities(RequestCaller callers, AuthApi auth, ShardwiseConfig config) {
        this.callers = callers;
        this.auth = auth;
        this.admins = normalise(config.api().admins().orElse(Set.of()));
        this.analysts = normalise(config.api().analysts().orElse(Set.of()));
    }

    /** Returns normally if the caller has {@code capability}; otherwise throws. */
    public void require(Capability capability) throws ApiException {
        Caller caller = callers.require();
        String email = auth.user(caller, caller.userId()).email().toLowerCase(Locale.ROOT);
        Set<String> holders = capability == Capability.ADMIN ? admins : analysts;
        if (!holders.contains(email)) {
            throw ApiException.of(ApiErrorCode.FORBIDDEN, "this needs the " + capability + " capability");
        }
    }

    private static Set<String> normalise(Set<String> emails) {
        return emails.stream().map(String::trim).filter(e -> !e.isEmpty()).map(e -> e.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
