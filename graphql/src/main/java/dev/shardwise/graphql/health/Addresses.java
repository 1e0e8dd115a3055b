package dev.shardwise.graphql.health;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Turns connection strings into the {@code host:port} an operator needs to find a server, and
 * nothing more: scheme, database, parameters and user info (which may carry a password) are
 * dropped, so a health report can show where it looked without leaking credentials.
 */
public final class Addresses {

    private Addresses() {
    }

    /**
     * @param url a JDBC URL ({@code jdbc:postgresql://h:p/db?...}), a Redis URI
     *     ({@code redis://user:pass@h:p}) or a bare {@code host:port} list
     * @return the comma-separated {@code host:port} list, e.g. {@code 10.0.0.5:5432}
     */
    public static String hostPort(String url) {
        String rest = url.trim();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int end = firstOf(rest, '/', '?', '#');
        String authority = end < 0 ? rest : rest.substring(0, end);
        return Arrays.stream(authority.split(","))
                .map(Addresses::withoutUserInfo)
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(","));
    }

    private static String withoutUserInfo(String host) {
        int at = host.lastIndexOf('@');
        return at < 0 ? host : host.substring(at + 1);
    }

    private static int firstOf(String s, char... chars) {
        int best = -1;
        for (char c : chars) {
            int i = s.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
