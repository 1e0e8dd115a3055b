package dev.shardwise.graphql.compiled;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.graphql.compiled.DocumentCompiler.Compilation;
import dev.shardwise.graphql.compiled.DocumentCompiler.Decline;
import dev.shardwise.graphql.compiled.ReadPlan.Arg;
import dev.shardwise.graphql.compiled.ReadPlan.BlockField;
import dev.shardwise.graphql.compiled.ReadPlan.Connection;
import dev.shardwise.graphql.compiled.ReadPlan.ConnectionEntry;
import dev.shardwise.graphql.compiled.ReadPlan.EdgeEntry;
import dev.shardwise.graphql.compiled.ReadPlan.InfoField;
import dev.shardwise.graphql.compiled.ReadPlan.Leaf;
import dev.shardwise.graphql.compiled.ReadPlan.PageEntry;
import dev.shardwise.graphql.compiled.ReadPlan.PageField;
import dev.shardwise.graphql.compiled.ReadPlan.Root;
import dev.shardwise.graphql.compiled.ReadPlan.WorkspaceEntry;
import dev.shardwise.graphql.compiled.ReadPlan.WorkspaceField;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * What the direct path compiles and what it leaves to the general executor: every document outside
 * the subset must be declined with its reason, never half-compiled.
 */
class DocumentCompilerTest {

    private final DocumentCompiler compiler = new DocumentCompiler();

    @Test
    void compilesThePageReadWithAliasesInSelectionOrder() {
        Compilation c = compiler.compile("""
                query Read($id: ID!, $n: Int) {
                  t: __typename
                  p: page(id: $id) {
                    title id
                    list: blocks(first: $n, after: "abc") {
                      pageInfo { hasNextPage endCursor }
                      edges { cursor node { __typename id text } }
                    }
                  }
                }""", Optional.of("Read"));

        Root.Page page = new Root.Page("p", new Arg.Variable("id"), List.of(
                new PageEntry.Plain(new Leaf<>("title", PageField.TITLE)),
                new PageEntry.Plain(new Leaf<>("id", PageField.ID)),
                new PageEntry.Blocks(new Connection<>("list", new Arg.Variable("n"), new Arg.Literal("abc"), List.of(
                        new ConnectionEntry.PageInfo<>("pageInfo", List.of(
                                new Leaf<>("hasNextPage", InfoField.HAS_NEXT_PAGE),
                                new Leaf<>("endCursor", InfoField.END_CURSOR))),
                        new ConnectionEntry.Edges<>("edges", List.of(
                                new EdgeEntry.Cursor<>("cursor"),
                                new EdgeEntry.Node<>("node", List.of(
                                        new Leaf<>("__typename", BlockField.TYPENAME),
                                        new Leaf<>("id", BlockField.ID),
                                        new Leaf<>("text", BlockField.TEXT))))))))));
        assertThat(c).isEqualTo(new Compilation.Compiled(new ReadPlan(List.of(new Root.Typename("t"), page))));
    }

    @Test
    void literalArgumentsAndSeveralPagesWithTheSameBlockArguments() {
        Compilation c = compiler.compile("""
                { a: page(id: "x") { blocks(first: 3) { edges { node { id } } } }
                  b: page(id: "y") { blocks(first: 3) { edges { node { id } } } } }""", Optional.empty());

        assertThat(c).isInstanceOfSatisfying(Compilation.Compiled.class, compiled -> {
            assertThat(compiled.plan().roots()).extracting(Root::key).containsExactly("a", "b");
            assertThat(compiled.plan().roots()).allSatisfy(r -> assertThat(((Root.Page) r).blocks())
                    .hasValueSatisfying(b -> assertThat(b.first()).isEqualTo(new Arg.Literal(3))));
        });
    }

    @Test
    void compilesTheNestedWorkspaceRead() {
        Compilation c = compiler.compile("""
                query($id: ID!) { workspace(id: $id) { name pages(first: 10) { edges { node { id title
                  blocks(first: 5) { edges { node { id text } } } } } pageInfo { hasNextPage } } } }""",
                Optional.empty());

        Connection<List<Leaf<BlockField>>> blocks = new Connection<>("blocks", new Arg.Literal(5), new Arg.Absent(),
                List.of(new ConnectionEntry.Edges<>("edges", List.of(new EdgeEntry.Node<>("node", List.of(
                        new Leaf<>("id", BlockField.ID), new Leaf<>("text", BlockField.TEXT)))))));
        Connection<List<PageEntry>> pages = new Connection<>("pages", new Arg.Literal(10), new Arg.Absent(), List.of(
                new ConnectionEntry.Edges<>("edges", List.of(new EdgeEntry.Node<>("node", List.of(
                        new PageEntry.Plain(new Leaf<>("id", PageField.ID)),
                        new PageEntry.Plain(new Leaf<>("title", PageField.TITLE)),
                        new PageEntry.Blocks(blocks))))),
                new ConnectionEntry.PageInfo<>("pageInfo", List.of(new Leaf<>("hasNextPage", InfoField.HAS_NEXT_PAGE)))));
        assertThat(c).isEqualTo(new Compilation.Compiled(new ReadPlan(List.of(new Root.Workspace("workspace",
                new Arg.Variable("id"), List.of(new WorkspaceEntry.Plain(new Leaf<>("name", WorkspaceField.NAME)),
                        new WorkspaceEntry.Pages(pages)))))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NOT_PARSEABLE      | { page(id: "x") { id }
            NOT_ONE_QUERY      | mutation { logOut }
            NOT_ONE_QUERY      | subscription { page(id: "x") { id } }
            NOT_ONE_QUERY      | query A { page(id: "x") { id } } query B { page(id: "x") { id } }
            FRAGMENT           | { page(id: "x") { ...F } } fragment F on Page { id }
            FRAGMENT           | { page(id: "x") { ... on Page { id } } }
            DIRECTIVE          | { page(id: "x") @include(if: true) { id } }
            DIRECTIVE          | { page(id: "x") { id @skip(if: false) } }
            DIRECTIVE          | query @cached { page(id: "x") { id } }
            UNSUPPORTED_FIELD  | { me { id } }
            UNSUPPORTED_FIELD  | { page(id: "x") { workspace { id } } }
            UNSUPPORTED_FIELD  | { page(id: "x") { blocks { totalCount } } }
            UNSUPPORTED_FIELD  | { page(id: "x") { blocks { edges } } }
            UNSUPPORTED_FIELD  | { page(id: "x") }
            UNSUPPORTED_FIELD  | { page(id: "x") { id { x } } }
            UNSUPPORTED_FIELD  | { workspace(id: "x") { members { edges { cursor } } } }
            UNSUPPORTED_FIELD  | { workspace(id: "x") { pages { edges { node { comments { edges { cursor } } } } } } }
            UNSUPPORTED_FIELD  | { workspace(id: "x") { pages { edges { node { workspace { id } } } } } }
            ARGUMENTS          | { page { id } }
            ARGUMENTS          | { page(id: 42) { id } }
            ARGUMENTS          | { page(id: null) { id } }
            ARGUMENTS          | { page(id: "x", extra: 1) { id } }
            ARGUMENTS          | { page(id: "x") { blocks(first: null) { edges { cursor } } } }
            ARGUMENTS          | { page(id: "x") { blocks(first: 99999999999) { edges { cursor } } } }
            ARGUMENTS          | { page(id: "x") { title(x: 1) } }
            ARGUMENTS          | { page(id: "x") { a: blocks(first: 1) { edges { cursor } } b: blocks(first: 1) { edges { cursor } } } }
            ARGUMENTS          | { a: page(id: "x") { blocks(first: 1) { edges { cursor } } } b: page(id: "y") { blocks(first: 2) { edges { cursor } } } }
            ARGUMENTS          | { workspace { id } }
            ARGUMENTS          | { workspace(id: "x") { pages { edges { node { blocks(after: "c") { edges { cursor } } } } } } }
            ARGUMENTS          | { a: workspace(id: "x") { pages(first: 1) { edges { cursor } } } b: workspace(id: "y") { pages(first: 2) { edges { cursor } } } }
            ARGUMENTS          | { page(id: "y") { blocks(first: 2) { edges { cursor } } } workspace(id: "x") { pages { edges { node { blocks(first: 1) { edges { cursor } } } } } } }
            VARIABLES          | query($id: ID) { page(id: $id) { id } }
            VARIABLES          | query($id: String!) { page(id: $id) { id } }
            VARIABLES          | query($id: ID! = "x") { page(id: $id) { id } }
            VARIABLES          | query($id: ID!, $unused: Int) { page(id: $id) { id } }
            VARIABLES          | query($id: ID!, $id: ID!) { page(id: $id) { id } }
            VARIABLES          | query($id: [ID!]!) { page(id: $id) { id } }
            VARIABLES          | { page(id: $undeclared) { id } }
            REPEATED_KEY       | { page(id: "x") { id id } }
            REPEATED_KEY       | { a: page(id: "x") { id } a: page(id: "y") { id } }
            REPEATED_KEY       | { page(id: "x") { title: id title } }
            """)
    void declinesWithTheReason(Decline reason, String document) {
        assertThat(compiler.compile(document, Optional.empty())).isEqualTo(new Compilation.Declined(reason));
    }

    @Test
    void anOperationNameThatIsNotTheDocumentsIsDeclined() {
        String document = "query Read { page(id: \"x\") { id } }";
        assertThat(compiler.compile(document, Optional.of("Other")))
                .isEqualTo(new Compilation.Declined(Decline.OPERATION_NAME));
        assertThat(compiler.compile(document, Optional.of("Read"))).isInstanceOf(Compilation.Compiled.class);
    }

    @Test
    void largeDocumentsAreTheGeneralExecutorsToLimit() {
        String roots = IntStream.rangeClosed(0, DocumentCompiler.MAX_ROOTS)
                .mapToObj(i -> "p" + i + ": page(id: \"x\") { id }").collect(Collectors.joining(" "));
        assertThat(compiler.compile("{ " + roots + " }", Optional.empty()))
                .isEqualTo(new Compilation.Declined(Decline.TOO_LARGE));

        String fields = IntStream.rangeClosed(0, DocumentCompiler.MAX_FIELDS)
                .mapToObj(i -> "t" + i + ": title").collect(Collectors.joining(" "));
        assertThat(compiler.compile("{ page(id: \"x\") { " + fields + " } }", Optional.empty()))
                .isEqualTo(new Compilation.Declined(Decline.TOO_LARGE));
    }

    @Test
    void enumConstantsNameTheirGraphqlFields() {
        assertThat(DocumentCompiler.graphqlName(InfoField.HAS_NEXT_PAGE)).isEqualTo("hasNextPage");
        assertThat(DocumentCompiler.graphqlName(PageField.CREATED_AT)).isEqualTo("createdAt");
        assertThat(DocumentCompiler.graphqlName(BlockField.TYPENAME)).isEqualTo("__typename");
        assertThat(DocumentCompiler.graphqlName(WorkspaceField.NAME)).isEqualTo("name");
    }
}
