package dev.shardwise.graphql.product;

import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Keys.CommentKey;
import dev.shardwise.domains.product.api.Keys.InvitationKey;
import dev.shardwise.domains.product.api.Keys.MemberKey;
import dev.shardwise.domains.product.api.Keys.PageKey;
import dev.shardwise.domains.product.api.Keys.WorkspaceKey;
import dev.shardwise.graphql.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident connection cursors: {@code base64url(payload ‖ HMAC-SHA256(payload)[0..16))}
 * where the payload is the list's kind and its keyset position ({@link dev.shardwise.domains.product.api.Keys}).
 * A cursor altered by a client, minted with another secret, or taken from another kind of list
 * (a page cursor passed to {@code blocks}) fails verification and is BAD_USER_INPUT; a valid one
 * is turned back into the keyset position, so pagination never uses OFFSET.
 *
 * <p>The payload is not encrypted: cursors reveal sort keys (timestamps, ids, positions) the
 * client can see anyway. Every instance of a deployment must share the secret.
 */
public final class Cursors {

    private static final int MAC_BYTES = 16;
    private static final String SEPARATOR = "|";

    /** Which list a cursor belongs to; part of the signed payload. */
    enum Kind { PAGES, BLOCKS, COMMENTS, MEMBERS, WORKSPACES, SEARCH, INVITATIONS, MY_INVITATIONS }

    private final SecretKeySpec key;

    /** @param secret the HMAC key material ({@code shardwise.api.cursor-secret}), at least 16 bytes */
    public Cursors(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 16) {
            throw new IllegalArgumentException("shardwise.api.cursor-secret must be at least 16 bytes long");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public String of(PageKey k) {
        return sign(Kind.PAGES, k.createdAt().toString(), k.id().toString());
    }

    public String of(BlockKey k) {
        return sign(Kind.BLOCKS, Long.toString(k.position()), k.id().toString());
    }

    public String of(CommentKey k) {
        return sign(Kind.COMMENTS, k.createdAt().toString(), k.id().toString());
    }

    public String of(MemberKey k) {
        return sign(Kind.MEMBERS, k.createdAt().toString(), k.userId().toString());
    }

    public String of(WorkspaceKey k) {
        return sign(Kind.WORKSPACES, k.joinedAt().toString(), k.workspaceId().toString());
    }

    /** A position in a workspace's invitations (oldest first; the key's id is the invitee). */
    public String ofInvitation(InvitationKey k) {
        return sign(Kind.INVITATIONS, k.invitedAt().toString(), k.id().toString());
    }

    /** A position in the caller's own invitations (newest first; the key's id is the workspace). */
    public String ofMyInvitation(InvitationKey k) {
        return sign(Kind.MY_INVITATIONS, k.invitedAt().toString(), k.id().toString());
    }

    /** A position in {@code search} results: (created_at, id), newest first. */
    public String ofSearch(Instant createdAt, UUID id) {
        return sign(Kind.SEARCH, createdAt.toString(), id.toString());
    }

    /** The search position {@code cursor} stands for; empty for none. */
    public Optional<SearchPosition> searchAfter(String cursor) throws ApiException {
        return verify(Kind.SEARCH, cursor).map(f -> new SearchPosition(Instant.parse(f[1]), UUID.fromString(f[2])));
    }

    /** A keyset position in search results. */
    public record SearchPosition(Instant createdAt, UUID id) {
    }

    public Optional<PageKey> pageAfter(String cursor) throws ApiException {
        return verify(Kind.PAGES, cursor).map(f -> new PageKey(Instant.parse(f[1]), UUID.fromString(f[2])));
    }

    public Optional<BlockKey> blockAfter(String cursor) throws ApiException {
        return verify(Kind.BLOCKS, cursor).map(f -> new BlockKey(Long.parseLong(f[1]), UUID.fromString(f[2])));
    }

    public Optional<CommentKey> commentAfter(String cursor) throws ApiException {
        return verify(Kind.COMMENTS, cursor).map(f -> new CommentKey(Instant.parse(f[1]), UUID.fromString(f[2])));
    }

    public Optional<MemberKey> memberAfter(String cursor) throws ApiException {
        return verify(Kind.MEMBERS, cursor).map(f -> new MemberKey(Instant.parse(f[1]), UUID.fromString(f[2])));
    }

    public Optional<WorkspaceKey> workspaceAfter(String cursor) throws ApiException {
        return verify(Kind.WORKSPACES, cursor).map(f -> new WorkspaceKey(Instant.parse(f[1]), UUID.fromString(f[2])));
    }

    public Optional<InvitationKey> invitationAfter(String cursor) throws ApiException {
        return verify(Kind.INVITATIONS, cursor).map(f -> new InvitationKey(Instant.parse(f[1]), UUID.fromString(f[2])));
    }

    public Optional<InvitationKey> myInvitationAfter(String cursor) throws ApiException {
        return verify(Kind.MY_INVITATIONS, cursor).map(f -> new InvitationKey(Instant.parse(f[1]),
                UUID.fromString(f[2])));
    }

    private String sign(Kind kind, String... fields) {
        byte[] payload = (kind.name() + SEPARATOR + String.join(SEPARATOR, fields)).getBytes(StandardCharsets.UTF_8);
        byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac(payload), 0, token, payload.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The verified fields (kind first), or empty for an absent cursor. */
    private Optional<String[]> verify(Kind kind, String cursor) throws ApiException {
        if (cursor == null) {
            return Optional.empty();
        }
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (token.length <= MAC_BYTES || token.length > 512) {
            throw invalid();
        }
        byte[] payload = Arrays.copyOf(token, token.length - MAC_BYTES);
        byte[] tag = Arrays.copyOfRange(token, payload.length, token.length);
        if (!MessageDigest.isEqual(Arrays.copyOf(mac(payload), MAC_BYTES), tag)) {
            throw invalid();
        }
        String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\" + SEPARATOR, -1);
        if (fields.length != 3 || !fields[0].equals(kind.name())) {
            throw invalid();
        }
        return Optional.of(fields);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static ApiException invalid() {
        return ApiException.badUserInput("`after` is not a cursor of this list; use an endCursor or cursor this"
                + " connection returned");
    }
}
