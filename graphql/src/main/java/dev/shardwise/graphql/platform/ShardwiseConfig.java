package dev.shardwise.graphql.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The application's own settings, under {@code shardwise.*} (see {@code application.properties} for
 * the defaults per profile and the environment variables that override them).
 */
@ConfigMapping(prefix = "shardwise")
public interface ShardwiseConfig {

    /**
     * The endpoints file written by {@code infra/fleet up}. A relative path is resolved against the
     * working directory and, if it is not there, against each parent directory in turn (so tests run
     * from a module directory find the repository's {@code .fleet/}).
     */
    @WithDefault(".fleet/endpoints.properties")
    String endpoints();

    /**
     * Whether start-up creates the domains' keyspaces and migrates every shard before serving
     * (idempotent). True in dev and test; false in prod, where the operator runs
     * {@code shardwise-admin bootstrap} and {@code migrate} before a deployment.
     */
    @WithName("bootstrap-on-start")
    @WithDefault("false")
    boolean bootstrapOnStart();

    /**
     * Whether start-up creates the demo users, workspaces and pages (idempotent) and logs their
     * credentials. Off by default; {@code infra/run} turns it on.
     */
    @WithName("seed-demo")
    @WithDefault("false")
    boolean seedDemo();

    /** Connection pools, one per cluster primary and one per replica. */
    Pool pool();

    /** The runtime schema-domain linter (see docs/linters.md). */
    Linter linter();

    /** The end-user API. */
    Api api();

    /** Reads served by standbys (with read-your-writes per session). */
    Replicas replicas();

    /** Dark reads of shards being moved by an online migration. */
    DarkReads darkReads();

    interface DarkReads {
        /**
         * Share of the reads of a moving shard (both copies complete) that are repeated on its
         * other copy and compared, off the request path; 0 turns dark reads off.
         */
        @WithDefault("0.05")
        double fraction();
    }

    interface Replicas {

        /** Whether end-user reads may use replicas; false sends every read to the primary. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Api {

        /**
         * The HMAC key that signs connection cursors (at least 16 bytes). Every instance of a
         * deployment must share it. Only the dev and test profiles have a default, a public one,
         * which production refuses ({@code SHARDWISE_API_CURSOR_SECRET}).
         */
        @WithName("cursor-secret")
        java.util.Optional<String> cursorSecret();

        /**
         * The operator keys, as {@code name:CAPABILITY[+CAPABILITY]:sha256-hex} entries (ADMIN: the
         * {@code fleet} query; ANALYST: {@code reporting}); none by default. Only digests are
         * configured; {@code shardwise-admin operator-key} makes a key and its entry.
         */
        java.util.Optional<java.util.List<String>> operators();

        /**
         * How long an instance answers for a session from its cache before reading it again from
         * the identity shard (0s: no cache, at most 1m). A log-out reaches the other instances at
         * once over Redis; this bounds how long one that missed it (Redis down) still lets the
         * session through.
         */
        @WithName("session-cache-ttl")
        @WithDefault("1s")
        java.time.Duration sessionCacheTtl();

        /**
         * Whether read documents of the compiled subset (a page with its blocks) skip the general
         * GraphQL executor and run as one statement per page (ADR 0014). The answers are the same
         * either way; off is for ruling the direct path out when chasing a problem.
         */
        @WithName("direct-reads")
        @WithDefault("true")
        boolean directReads();

        /** The abuse limits every request is measured against before it runs (graphql/README.md). */
        Limits limits();

        /** The rate limits of sign-ups, log-ins and invitations, shared by every instance through Redis. */
        @WithName("rate-limits")
        RateLimitsConfig rateLimits();
    }

    interface Limits {

        /** Cost-model points: one per field, a connection's fields once per row its {@code first} asks for. */
        @WithName("max-points")
        @WithDefault("25000")
        long maxPoints();

        /** Worst-case response size in bytes: every text at its longest, for every row asked for. */
        @WithName("max-response-bytes")
        @WithDefault("67108864")
        long maxResponseBytes();

        /** Nesting depth of a document (the deepest useful query, me > workspaces > pages > blocks > text, is 11). */
        @WithName("max-depth")
        @WithDefault("15")
        int maxDepth();

        /** Mutation fields in one request (each one its own unit of work on one shard). */
        @WithName("max-mutation-fields")
        @WithDefault("50")
        int maxMutationFields();
    }

    interface RateLimitsConfig {

        /** Sign-up and log-in requests per client address and interval. */
        @WithName("auth-per-address")
        @WithDefault("20")
        long authPerAddress();

        @WithName("auth-per-address-interval")
        @WithDefault("1m")
        java.time.Duration authPerAddressInterval();

        /** Log-in attempts per account and interval, right or wrong. */
        @WithName("log-ins-per-account")
        @WithDefault("10")
        long logInsPerAccount();

        @WithName("log-ins-per-account-interval")
        @WithDefault("1m")
        java.time.Duration logInsPerAccountInterval();

        /** Failed log-ins per account and interval; once spent, the account's log-ins wait. */
        @WithName("failed-log-ins-per-account")
        @WithDefault("5")
        long failedLogInsPerAccount();

        @WithName("failed-log-ins-per-account-interval")
        @WithDefault("15m")
        java.time.Duration failedLogInsPerAccountInterval();

        /** Invitations one account may send per interval (inviting someone again counts too). */
        @WithName("invitations-per-account")
        @WithDefault("50")
        long invitationsPerAccount();

        @WithName("invitations-per-account-interval")
        @WithDefault("1h")
        java.time.Duration invitationsPerAccountInterval();
    }

    interface Linter {

        /**
         * {@code raise} (refuse a violating statement or unit of work with an exception: dev and
         * test), {@code log} (a sampled warning and the {@code shardwise_lint_findings_total}
         * metric: prod) or {@code off}.
         */
        @WithDefault("log")
        String mode();

        /** In log mode, after the first warning for a statement and rule, one in this many is logged. */
        @WithName("log-every")
        @WithDefault("100")
        int logEvery();
    }

    interface Pool {

        /** Connections per cluster primary. */
        @WithName("primary-size")
        @WithDefault("8")
        int primarySize();

        /** Connections per replica. */
        @WithName("replica-size")
        @WithDefault("4")
        int replicaSize();
    }
}
