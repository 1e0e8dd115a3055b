package dev.shardwise.domains.product.model.global;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A global reservation of an email address for one user (table {@code email_claims}).
 *
 * <p>Shard key: none. The global domain is unsharded; the row is addressed by its lower-case
 * {@code email}. A claim starts {@link ClaimState#PENDING} while the user row is created on its
 * identity shard and becomes {@link ClaimState#CONFIRMED} afterwards; a pending claim past
 * {@code expiresAt} may be taken over by another user.
 */
@Entity
@Table(name = "email_claims")
public class EmailClaim {

    @Id
    @Column(name = "email", nullable = false, updatable = false)
    private String email;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private ClaimState state;

    @Column(name = "claimed_at", nullable = false)
    private Instant claimedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected EmailClaim() {
    }

    /**
     * @param email the address, already lower-cased
     * @param expiresAt when a pending claim may be taken over; {@code null} for no expiry
     */
    public EmailClaim(String email, UUID userId, ClaimState state, Instant claimedAt, Instant expiresAt) {
        Objects.requireNonNull(email, "email");
        if (!email.equals(email.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("email must be lower case: " + email);
        }
        this.email = email;
        this.userId = Objects.requireNonNull(userId, "userId");
        this.state = Objects.requireNonNull(state, "state");
        this.claimedAt = Objects.requireNonNull(claimedAt, "claimedAt");
        this.expiresAt = expiresAt;
    }

    /** True if this claim is pending and its expiry has passed at {@code now}. */
    public boolean isExpired(Instant now) {
        return state == ClaimState.PENDING && expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Hands an expired pending claim to another user, starting a new pending period. */
    public void takeOver(UUID newUserId, Instant claimedAt, Instant expiresAt) {
        if (state != ClaimState.PENDING) {
            throw new IllegalStateException("only a pending claim can be taken over: " + email);
        }
        this.userId = Objects.requireNonNull(newUserId, "newUserId");
        this.claimedAt = Objects.requireNonNull(claimedAt, "claimedAt");
        this.expiresAt = expiresAt;
    }

    public String getEmail() {
        return email;
    }

    public UUID getUserId() {
        return userId;
    }

    public ClaimState getState() {
        return state;
    }

    public void setState(ClaimState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    public Instant getClaimedAt() {
        return claimedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }
}
