package dev.shardwise.domains.product.api;

import dev.shardwise.domains.product.api.Views.AuthResult;
import dev.shardwise.domains.product.api.Views.UserView;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts and sessions: the {@code global} email claims and the {@code identity} shards.
 * Failures are {@link AppException}s (or routing exceptions when a shard is unavailable).
 */
public interface AuthApi {

    /**
     * Claims the email in {@code global}, creates the user on its identity shard, confirms the
     * claim and opens a session. Exactly one of concurrent sign-ups with one email succeeds; the
     * others get CONFLICT. A sign-up that dies between the steps leaves a PENDING claim that
     * expires (or is completed by the user's first log-in), never an email blocked for good.
     */
    AuthResult signUp(String email, String name, String password);

    /** Verifies the password and opens a session. Wrong email or password: UNAUTHENTICATED, same message. */
    AuthResult logIn(String email, String password);

    /** Revokes the caller's session; its token stops working at once. */
    void logOut(Caller caller);

    /** Revokes every session of the caller, the current one included; returns how many. */
    int logOutEverywhere(Caller caller);

    /**
     * Replaces the caller's password after checking the current one (UNAUTHENTICATED if wrong,
     * BAD_USER_INPUT if the new one breaks the password rules) and revokes every other session of
     * theirs; the current session stays. Returns how many sessions were revoked.
     */
    int changePassword(Caller caller, String currentPassword, String newPassword);

    /** Sets the caller's display name (validated as at sign-up); returns the updated user. */
    UserView updateProfile(Caller caller, String name);

    /** Resolves a bearer token (reads one identity shard); UNAUTHENTICATED if unknown, expired or revoked. */
    Caller authenticate(String token);

    /**
     * A user by id, as {@code caller} reads it; NOT_FOUND if there is none. A replica may serve it
     * once it has replayed the caller's own writes (read-your-writes, like content reads).
     */
    UserView user(Caller caller, UUID userId);

    /**
     * Users by id, as {@code caller} reads them (replicas allowed, as {@link #user}), one query per
     * identity shard involved; unknown ids are absent.
     */
    Map<UUID, UserView> users(Caller caller, Collection<UUID> userIds);

    /** The user holding a confirmed claim on {@code email} (normalized by the implementation). */
    Optional<UUID> userIdByEmail(String email);
}
