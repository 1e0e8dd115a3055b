package dev.shardwise.domains.product.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shardwise.domains.product.api.AppException.Code;
import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.Caller;
import dev.shardwise.domains.product.api.Keys.BlockKey;
import dev.shardwise.domains.product.api.Keys.CommentKey;
import dev.shardwise.domains.product.api.Keys.MemberKey;
import dev.shardwise.domains.product.api.Keys.PageKey;
import dev.shardwise.domains.product.api.Views.BlockView;
import dev.shardwise.domains.product.api.Views.CommentView;
import dev.shardwise.domains.product.api.Views.MembershipView;
import dev.shardwise.domains.product.api.Views.PageRef;
import dev.shardwise.domains.product.api.Views.PageView;
import dev.shardwise.domains.product.api.Views.Slice;
import dev.shardwise.domains.product.api.Views.WorkspaceView;
import dev.shardwise.domains.product.content.ContentFixture;
import dev.shardwise.domains.product.content.ContentService;
import dev.shardwise.domains.product.model.content.BlockType;
import dev.shardwise.domains.product.model.content.Role;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ContentService} on the real fleet: the product flow, pagination, batching, authorization, concurrency. */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentServiceIT {

    private ContentFixture fixture;
    private ContentService content;

    @BeforeAll
    void setUp(Fleet fleet) {
        fixture = ContentFixture.open(fleet);
        content = fixture.service();
    }

    @AfterAll
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theFullFlowReadsBackThroughEveryReadMethod() {
        Caller owner = fixture.user();
        WorkspaceView ws = content.createWorkspace(owner, "  Team space ");
        assertThat(ws.name()).isEqualTo("Team space");
        PageView page = content.createPage(owner, ws.id(), "Roadmap", Optional.empty());
        PageView child = content.createPage(owner, ws.id(), "Q3", Optional.of(page.id()));
        List<BlockView> blocks = List.of(
                content.appendBlock(owner, ws.id(), page.id(), BlockType.HEADING, "Goals"),
                content.appendBlock(owner, ws.id(), page.id(), BlockType.TODO, "Ship it"),
                content.appendBlock(owner, ws.id(), page.id(), BlockType.PARAGRAPH, ""));
        assertThat(blocks).extracting(BlockView::position).containsExactly(1L, 2L, 3L);
        CommentView comment = content.addComment(owner, ws.id(), page.id(), "Looks good");
        PageRef ref = new PageRef(ws.id(), page.id());

        assertThat(content.workspace(owner, ws.id())).isEqualTo(ws);
        assertThat(content.page(owner, ws.id(), child.id())).isEqualTo(child);
        assertThat(content.page(owner, ws.id(), page.id()).updatedAt()).isAfterOrEqualTo(page.updatedAt());
        assertThat(content.block(owner, ws.id(), blocks.get(1).id())).isEqualTo(blocks.get(1));
        assertThat(content.comment(owner, ws.id(), comment.id())).isEqualTo(comment);
        MembershipView membership = content.membership(owner, ws.id(), owner.userId());
        assertThat(membership.role()).isEqualTo(Role.OWNER);
        assertThat(membership.createdAt()).isEqualTo(ws.createdAt());
        assertThat(content.workspaces(owner, List.of(ws.id(), UUID.randomUUID()))).containsOnlyKeys(ws.id());
        assertThat(content.pages(owner, List.of(ref, new PageRef(ws.id(), child.id())))).hasSize(2)
                .containsEntry(new PageRef(ws.id(), child.id()), child);
        assertThat(content.pagesOf(owner, List.of(ws.id()), 10, Optional.empty()).get(ws.id()).items())
                .extracting(PageView::id).containsExactly(child.id(), page.id());
        Slice<PageView> firstPage = content.pagesOf(owner, List.of(ws.id()), 1, Optional.empty()).get(ws.id());
        assertThat(firstPage.hasNext()).isTrue();
        PageView newest = firstPage.items().getFirst();
        Slice<PageView> rest = content.pagesOf(owner, List.of(ws.id()), 1,
                Optional.of(new PageKey(newest.createdAt(), newest.id()))).get(ws.id());
        assertThat(rest.items()).extracting(PageView::id).containsExactly(page.id());
        assertThat(rest.hasNext()).isFalse();
        assertThat(content.membersOf(owner, List.of(ws.id()), 10, Optional.empty()))
                .containsEntry(ws.id(), new Slice<>(List.of(membership), false));
        assertThat(content.membersOf(owner, List.of(ws.id()), 10,
                Optional.of(new MemberKey(membership.createdAt(), owner.userId()))).get(ws.id()).items()).isEmpty();
        assertThat(content.blocksOf(owner, List.of(ref), 10, Optional.empty()).get(ref))
                .isEqualTo(new Slice<>(blocks, false));
        assertThat(content.commentsOf(owner, List.of(ref), 10, Optional.empty()).get(ref))
                .isEqualTo(new Slice<>(List.of(comment), false));
        assertThat(content.commentsOf(owner, List.of(ref), 10,
                Optional.of(new CommentKey(comment.createdAt(), comment.id()))).get(ref)).isEqualTo(Slice.empty());
        assertThat(content.blocksOf(owner, List.of(new PageRef(ws.id(), child.id())), 10, Optional.empty()))
                .as("a visible page without blocks gets an empty slice")
                .containsEntry(new PageRef(ws.id(), child.id()), Slice.empty());
    }

    @Test
    void walkingBlockCursorsYieldsEveryBlockOnceInOrder() {
        Caller owner = fixture.user();
        WorkspaceView ws = content.createWorkspace(owner, "Long document");
        PageView page = content.createPage(owner, ws.id(), "Novel", Optional.empty());
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            written.add(content.appendBlock(owner, ws.id(), page.id(), BlockType.PARAGRAPH, "line " + i).id());
        }
        PageRef ref = new PageRef(ws.id(), page.id());
        List<BlockView> seen = new ArrayList<>();
        Optional<BlockKey> after = Optional.empty();
        int requests = 0;
        Slice<BlockView> slice;
        do {
            slice = content.blocksOf(owner, List.of(ref), 37, after).get(ref);
            requests++;
            assertThat(slice.items()).hasSizeLessThanOrEqualTo(37);
            seen.addAll(slice.items());
            BlockView last = slice.items().getLast();
            after = Optional.of(new BlockKey(last.position(), last.id()));
        } while (slice.hasNext());
        assertThat(requests).isEqualTo(7);
        assertThat(seen).extracting(BlockView::id).containsExactlyElementsOf(written);
        assertThat(seen).extracting(BlockView::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 250).boxed().toList());
        assertThat(seen).extracting(BlockView::text).last().isEqualTo("line 249");
    }

    @Test
    void pagesOfManyWorkspacesRunsOneStatementPerShard() {
        Caller me = fixture.user();
        Map<UUID, List<UUID>> pagesByWorkspace = new LinkedHashMap<>();
        for (int w = 0; w < 20; w++) {
            UUID ws = content.createWorkspace(me, "ws " + w).id();
            List<UUID> newestFirst = new ArrayList<>();
            for (int p = 0; p < w % 4; p++) {
                newestFirst.addFirst(content.createPage(me, ws, "page " + p, Optional.empty()).id());
            }
            pagesByWorkspace.put(ws, newestFirst);
        }
        Caller stranger = fixture.user();
        UUID foreign = content.createWorkspace(stranger, "not mine").id();
        content.createPage(stranger, foreign, "secret", Optional.empty());
        List<UUID> asked = new ArrayList<>(pagesByWorkspace.keySet());
        asked.add(foreign);
        Set<ShardId> involved = asked.stream().map(fixture::shardOf).collect(Collectors.toSet());
        assertThat(involved).as("the workspaces spread over several shards").hasSizeGreaterThan(4);

        fixture.resetStatements();
        Map<UUID, Slice<PageView>> result = content.pagesOf(me, asked, 2, Optional.empty());
        List<ShardId> statements = fixture.statements();

        assertThat(statements).as("one statement per shard involved").hasSize(involved.size())
                .containsExactlyInAnyOrderElementsOf(involved);
        assertThat(result).as("the stranger's workspace is left out").containsOnlyKeys(pagesByWorkspace.keySet());
        pagesByWorkspace.forEach((ws, pages) -> {
            Slice<PageView> slice = result.get(ws);
            assertThat(slice.items()).extracting(PageView::id).containsExactlyElementsOf(pages.stream().limit(2).toList());
            assertThat(slice.hasNext()).isEqualTo(pages.size() > 2);
            assertThat(slice.items()).allSatisfy(p -> assertThat(p.workspaceId()).isEqualTo(ws));
        });
    }

    @Test
    void authorizationFollowsTheRoleMatrix() {
        Caller owner = fixture.user();
        UUID ws = content.createWorkspace(owner, "Matrix").id();
        UUID page = content.createPage(owner, ws, "Home", Optional.empty()).id();
        Map<String, Caller> callers = new LinkedHashMap<>();
        callers.put("OWNER", owner);
        for (Role role : List.of(Role.EDITOR, Role.VIEWER)) {
            String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
            Caller member = fixture.user(email);
            callers.put(role.name(), member);
            content.inviteMember(owner, ws, email, role);
            content.acceptInvitation(member, ws);
        }
        callers.put("NONE", fixture.user());
        Map<String, Function<Caller, Object>> operations = new LinkedHashMap<>();
        operations.put("createPage", c -> content.createPage(c, ws, "New", Optional.empty()));
        operations.put("appendBlock", c -> content.appendBlock(c, ws, page, BlockType.PARAGRAPH, "x"));
        operations.put("updateBlock", c -> content.updateBlock(c, ws, freshBlock(owner, ws, page), "y",
                OptionalInt.empty()));
        operations.put("deleteBlock", c -> content.deleteBlock(c, ws, freshBlock(owner, ws, page)));
        operations.put("addComment", c -> content.addComment(c, ws, page, "hi"));
        operations.put("inviteMember", c -> {
            String email = "new-" + UUID.randomUUID() + "@example.com";
            fixture.user(email);
            return content.inviteMember(c, ws, email, Role.VIEWER);
        });
        operations.put("readPage", c -> content.page(c, ws, page));
        Map<String, String> expected = Map.of(
                "OWNER", "ok ok ok ok ok ok ok",
                "EDITOR", "ok ok ok ok ok FORBIDDEN ok",
                "VIEWER", "FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN ok",
                "NONE", "NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND");
        callers.forEach((name, caller) -> assertThat(operations.values().stream()
                .map(op -> outcome(() -> op.apply(caller))).collect(Collectors.joining(" ")))
                .as("%s over %s", name, operations.keySet()).isEqualTo(expected.get(name)));
        Caller outsider = callers.get("NONE");
        assertThat(error(() -> content.createPage(outsider, ws, "t", Optional.empty())).getMessage())
                .as("a non-member hears what a missing workspace says")
                .isEqualTo(error(() -> content.createPage(outsider, UUID.randomUUID(), "t", Optional.empty()))
                        .getMessage()).isEqualTo("workspace not found");
        assertThat(error(() -> content.page(outsider, ws, page)).getMessage()).isEqualTo("page not found");
        assertThat(content.pagesOf(outsider, List.of(ws), 5, Optional.empty())).isEmpty();
        assertThat(content.blocksOf(outsider, List.of(new PageRef(ws, page)), 5, Optional.empty())).isEmpty();
        assertThat(content.workspaces(outsider, List.of(ws))).isEmpty();
        assertThat(outcome(() -> content.inviteMember(outsider, ws, "nobody-" + UUID.randomUUID() + "@example.com",
                Role.EDITOR))).as("no email oracle for outsiders").isEqualTo("NOT_FOUND");
        assertThat(error(() -> content.inviteMember(callers.get("EDITOR"), ws, "nobody@example.com", Role.EDITOR))
                .code()).isEqualTo(Code.FORBIDDEN);
        assertThat(error(() -> content.inviteMember(owner, ws, "nobody@example.com", Role.EDITOR)).getMessage())
                .isEqualTo("user not found");
    }

    @Test
    void idsFromAnotherWorkspaceMatchNothing() {
        Caller owner = fixture.user();
        UUID mine = content.createWorkspace(owner, "A").id();
        UUID other = content.createWorkspace(owner, "B").id();
        UUID page = content.createPage(owner, other, "P", Optional.empty()).id();
        UUID block = content.appendBlock(owner, other, page, BlockType.QUOTE, "q").id();
        assertThat(error(() -> content.block(owner, mine, block)).getMessage()).isEqualTo("block not found");
        assertThat(error(() -> content.deleteBlock(owner, mine, block)).code()).isEqualTo(Code.NOT_FOUND);
        assertThat(error(() -> content.appendBlock(owner, mine, page, BlockType.CODE, "c")).getMessage())
                .isEqualTo("page not found");
        assertThat(content.deleteBlock(owner, other, block)).isTrue();
        assertThat(error(() -> content.deleteBlock(owner, other, block)).getMessage()).isEqualTo("block not found");
    }

    @Test
    void aStaleExpectedVersionConflictsAndChangesNothing() {
        Caller owner = fixture.user();
        UUID ws = content.createWorkspace(owner, "Versions").id();
        UUID page = content.createPage(owner, ws, "P", Optional.empty()).id();
        BlockView v1 = content.appendBlock(owner, ws, page, BlockType.PARAGRAPH, "one");
        BlockView v2 = content.updateBlock(owner, ws, v1.id(), "two", OptionalInt.of(1));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.text()).isEqualTo("two");
        AppException stale = error(() -> content.updateBlock(owner, ws, v1.id(), "three", OptionalInt.of(1)));
        assertThat(stale.code()).isEqualTo(Code.CONFLICT);
        assertThat(stale.getMessage()).isEqualTo("block was changed (version 2)");
        assertThat(content.block(owner, ws, v1.id())).isEqualTo(v2);
        assertThat(content.updateBlock(owner, ws, v1.id(), "four", OptionalInt.empty()).version()).isEqualTo(3);
        assertThat(error(() -> content.updateBlock(owner, ws, UUID.randomUUID(), "x", OptionalInt.of(1))).code())
                .isEqualTo(Code.NOT_FOUND);
    }

    @Test
    void concurrentAppendsGetDistinctConsecutivePositions() throws Exception {
        Caller owner = fixture.user();
        UUID ws = content.createWorkspace(owner, "Race").id();
        UUID page = content.createPage(owner, ws, "P", Optional.empty()).id();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<BlockView>> appends = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                String text = "racer " + i;
                appends.add(pool.submit(() -> {
                    start.await();
                    return content.appendBlock(owner, ws, page, BlockType.PARAGRAPH, text);
                }));
            }
            start.countDown();
        }
        Set<Long> positions = new HashSet<>();
        for (Future<BlockView> append : appends) {
            positions.add(append.get().position());
        }
        assertThat(positions).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 8).boxed().toList());
        PageRef ref = new PageRef(ws, page);
        assertThat(content.blocksOf(owner, List.of(ref), 20, Optional.empty()).get(ref).items())
                .extracting(BlockView::position).containsExactlyElementsOf(LongStream.rangeClosed(1, 8).boxed().toList());
    }

    private UUID freshBlock(Caller owner, UUID ws, UUID page) {
        return content.appendBlock(owner, ws, page, BlockType.PARAGRAPH, "target").id();
    }

    /** "ok", or the code of the product error the call failed with. */
    private static String outcome(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (AppException e) {
            return e.code().name();
        }
    }

    static AppException error(Runnable call) {
        AppException e = catchThrowableOfType(AppException.class, call::run);
        assertThat(e).as("expected a product error").isNotNull();
        return e;
    }
}
