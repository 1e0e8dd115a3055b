package dev.shardwise.graphql.product;

import dev.shardwise.graphql.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A global object id as the API hands it out: the object's type and every key needed to reach
 * it, shard key first, so {@code node(id)} and mutations read exactly one logical shard without a
 * lookup. On the wire it is opaque, {@code base64url("Page:<workspaceId>:<pageId>")} without
 * padding; clients must not build or parse ids (the format may change).
 *
 * <p>Ids are not secrets and not signed: knowing one grants nothing, every access is checked
 * against the caller's memberships.
 */
public sealed interface GlobalId {

    /** The GraphQL type the id names. */
    Kind kind();

    /** The keys after the type tag, in wire order (the shard key first). */
    List<UUID> keys();

    /** The types that have global ids, with how many UUID keys each carries. */
    enum Kind {
        User(1), Workspace(1), Membership(2), Invitation(2), Page(2), Block(2), Comment(2);

        private final int keyCount;

        Kind(int keyCount) {
            this.keyCount = keyCount;
        }
    }

    record UserId(UUID userId) implements GlobalId {
        public Kind kind() {
            return Kind.User;
        }

        public List<UUID> keys() {
            return List.of(userId);
        }
    }

    record WorkspaceId(UUID workspaceId) implements GlobalId {
        public Kind kind() {
            return Kind.Workspace;
        }

        public List<UUID> keys() {
            return List.of(workspaceId);
        }
    }

    record MembershipId(UUID workspaceId, UUID userId) implements GlobalId {
        public Kind kind() {
            return Kind.Membership;
        }

        public List<UUID> keys() {
            return List.of(workspaceId, userId);
        }
    }

    record InvitationId(UUID workspaceId, UUID inviteeId) implements GlobalId {
        public Kind kind() {
            return Kind.Invitation;
        }

        public List<UUID> keys() {
            return List.of(workspaceId, inviteeId);
        }
    }

    record PageId(UUID workspaceId, UUID pageId) implements GlobalId {
        public Kind kind() {
            return Kind.Page;
        }

        public List<UUID> keys() {
            return List.of(workspaceId, pageId);
        }
    }

    record BlockId(UUID workspaceId, UUID blockId) implements GlobalId {
        public Kind kind() {
            return Kind.Block;
        }

        public List<UUID> keys() {
            return List.of(workspaceId, blockId);
        }
    }

    record CommentId(UUID workspaceId, UUID commentId) implements GlobalId {
        public Kind kind() {
            return Kind.Comment;
        }

        public List<UUID> keys() {
            return List.of(workspaceId, commentId);
        }
    }

    /** The opaque wire form of this id. */
    default String encode() {
        StringBuilder text = new StringBuilder(kind().name());
        keys().forEach(k -> text.append(':').append(k));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes an id of any type.
     *
     * @param argument the argument's name, for the error message
     * @throws ApiException BAD_USER_INPUT if {@code id} is not an id this API issued
     */
    static GlobalId decode(String argument, String id) throws ApiException {
        String[] parts = plainText(argument, id).split(":", -1);
        Kind kind = kindOf(argument, parts[0]);
        if (parts.length != kind.keyCount + 1) {
            throw malformed(argument);
        }
        List<UUID> keys = new ArrayList<>(kind.keyCount);
        for (int i = 1; i < parts.length; i++) {
            keys.add(uuid(argument, parts[i]));
        }
        return switch (kind) {
            case User -> new UserId(keys.get(0));
            case Workspace -> new WorkspaceId(keys.get(0));
            case Membership -> new MembershipId(keys.get(0), keys.get(1));
            case Invitation -> new InvitationId(keys.get(0), keys.get(1));
            case Page -> new PageId(keys.get(0), keys.get(1));
            case Block -> new BlockId(keys.get(0), keys.get(1));
            case Comment -> new CommentId(keys.get(0), keys.get(1));
        };
    }

    /**
     * Decodes an id that must name an object of one type.
     *
     * @throws ApiException BAD_USER_INPUT if it is malformed or names another type
     */
    static <T extends GlobalId> T decode(String argument, String id, Class<T> type) throws ApiException {
        GlobalId decoded = decode(argument, id);
        if (!type.isInstance(decoded)) {
            String expected = type.getSimpleName().replace("Id", "");
            throw ApiException.badUserInput("`" + argument + "` must be the id of a " + expected + ", got the id of a "
                    + decoded.kind().name());
        }
        return type.cast(decoded);
    }

    private static String plainText(String argument, String id) throws ApiException {
        Objects.requireNonNull(argument, "argument");
        if (id == null || id.isEmpty() || id.length() > 256) {
            throw malformed(argument);
        }
        try {
            return new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(argument);
        }
    }

    private static Kind kindOf(String argument, String tag) throws ApiException {
        for (Kind kind : Kind.values()) {
            if (kind.name().equals(tag)) {
                return kind;
            }
        }
        throw malformed(argument);
    }

    private static UUID uuid(String argument, String text) throws ApiException {
        try {
            UUID uuid = UUID.fromString(text);
            // UUID.fromString accepts short groups ("1-1-1-1-1"); only the canonical form is ours.
            if (uuid.toString().equals(text.toLowerCase(Locale.ROOT))) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw malformed(argument);
    }

    private static ApiException malformed(String argument) {
        return ApiException.badUserInput("`" + argument + "` is not a valid id");
    }
}
