package dev.shardwise.domains.product.model.global;

/** Lifecycle of an {@link EmailClaim}; stored by name in {@code email_claims.state}. */
public enum ClaimState {
    /** Reserved while the user row is being created on its identity shard; may expire. */
    PENDING,
    /** The user row exists; the email belongs to that user. */
    CONFIRMED
}
