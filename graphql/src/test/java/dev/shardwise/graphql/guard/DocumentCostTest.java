package dev.shardwise.graphql.guard;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentCostTest {

    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
            type Query { page(id: ID!): Page  me: User }
            type Mutation { signUp(email: String!): User  logIn(email: String!): User  appendBlock(text: String!): Block }
            type User { id: ID!  name: String  pages(first: Int = 20): PageConnection }
            type Page { id: ID!  title: String  blocks(first: Int = 20): BlockConnection }
            type PageConnection { edges: [PageEdge!]! }
            type PageEdge { node: Page! }
            type BlockConnection { edges: [BlockEdge!]! }
            type BlockEdge { cursor: String!  node: Block! }
            type Block { id: ID!  text: String }
            """), RuntimeWiring.newRuntimeWiring().build());
    private static final DocumentCost COST = new DocumentCost(SCHEMA, Map.of("Block.text", 100_000), 100,
            Set.of("signUp", "logIn"), 100);

    private static DocumentCost.Measures measure(String query, Map<String, Object> variables) {
        return COST.measure(Parser.parse(query), Optional.empty(), variables);
    }

    @Test
    void aConnectionCountsItsSelectionOncePerRowOfItsFirst() {
        // page 1 + title 1 + blocks (1 + 20 × (edges 1 + node 1 + id 1 + text 1)) = 83
        assertThat(measure("{ page(id: 1) { title blocks(first: 20) { edges { node { id text } } } } }", Map.of())
                .points()).isEqualTo(83);
        assertThat(measure("query($n: Int) { page(id: 1) { title blocks(first: $n) { edges { node { id text } } } } }",
                Map.of("n", 100)).points()).isEqualTo(1 + 1 + 1 + 100 * 4);
        // Past the product's largest page the executor refuses the argument itself: measured as that page.
        assertThat(measure("{ page(id: 1) { blocks(first: 5000) { edges { cursor } } } }", Map.of()).points())
                .isEqualTo(1 + 1 + 100 * 2);
    }

    @Test
    void anAbsentFirstCountsAsTheArgumentsDefault() {
        assertThat(measure("{ page(id: 1) { blocks { edges { node { id } } } } }", Map.of()).points())
                .isEqualTo(1 + 1 + 20 * 3);
    }

    @Test
    void nestedConnectionsMultiply() {
        assertThat(measure("{ me { pages(first: 10) { edges { node { blocks(first: 10) { edges { node { id } } } } } } } }",
                Map.of()).points()).isEqualTo(1 + 1 + 10 * (1 + 1 + 1 + 10 * 3));
    }

    @Test
    void theWorstCaseSizeTakesEveryTextAtItsLongest() {
        DocumentCost.Measures one = measure("{ page(id: 1) { blocks(first: 100) { edges { node { text } } } } }", Map.of());
        assertThat(one.worstCaseBytes()).isBetween(100L * 100_000, 100L * 100_000 + 100 * 100);
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            aliases.append(" a").append(i).append(": page(id: 1) { blocks(first: 100) { edges { node { text } } } }");
        }
        assertThat(measure(aliases.append(" }").toString(), Map.of()).worstCaseBytes())
                .isGreaterThan(1_000_000_000L);
    }

    @Test
    void depthAndRootMutationFieldsAreCounted() {
        DocumentCost.Measures m = measure("mutation { a: signUp(email: \"x\") { id } b: logIn(email: \"y\") { id }"
                + " c: appendBlock(text: \"z\") { id } }", Map.of());
        assertThat(m.mutationFields()).isEqualTo(3);
        assertThat(m.authMutationFields()).isEqualTo(2);
        assertThat(measure("{ me { pages { edges { node { blocks { edges { node { id } } } } } } } }", Map.of()).depth())
                .isEqualTo(8);
        assertThat(measure("{ page(id: 1) { id } }", Map.of()).mutationFields()).isZero();
    }
}
