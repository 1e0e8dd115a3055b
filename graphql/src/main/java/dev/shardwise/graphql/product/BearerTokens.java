package dev.shardwise.graphql.product;

import java.util.Locale;
import java.util.Optional;

/** Reads the session token out of an {@code Authorization: Bearer <token>} header, for every request path. */
public final class BearerTokens {

    private static final String SCHEME = "bearer ";

    private BearerTokens() {
    }

    /** The token, if {@code header} is present, names the bearer scheme (any case) and carries one. */
    public static Optional<String> of(Optional<String> header) {
        return header.filter(h -> h.length() > SCHEME.length() && h.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
                .map(h -> h.substring(SCHEME.length()).strip()).filter(t -> !t.isEmpty());
    }
}
