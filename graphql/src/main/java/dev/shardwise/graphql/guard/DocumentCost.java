package dev.shardwise.graphql.guard;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a document would cost to answer, measured on the schema before anything runs: the points of
 * the cost model (every field one point, a connection's selection counted once per row its
 * {@code first} asks for, the argument's default when absent), the worst-case size of the
 * response in bytes (each text field at the longest value the product accepts, times the same
 * multiplicities), the nesting depth, and the mutation fields at the root, sign-up and log-in
 * among them. A field that is not in the schema counts as a leaf: such a document fails validation
 * in the executor anyway.
 */
public final class DocumentCost {

    /** The arguments by which a field's selection is repeated: the page size of a connection. */
    private static final String FIRST = "first";
    /** Bytes of a field name, quotes, colon and comma, and of an object's braces. */
    private static final int FIELD_OVERHEAD = 16;

    /** The measures of one document with one set of variables. */
    public record Measures(long points, long worstCaseBytes, int depth, int mutationFields, int authMutationFields) {
    }

    private final GraphQLSchema schema;
    private final Map<String, Integer> textBytes;
    private final int defaultTextBytes;
    private final Set<String> authMutations;
    private final int maxRows;

    /**
     * @param textBytes        the most bytes a string field can hold in a response, by
     *                         {@code Type.field} (e.g. {@code Block.text}), escaping included
     * @param defaultTextBytes the same for every other string or id field
     * @param authMutations    the root mutation fields that check a password or create an account
     * @param maxRows          the largest {@code first} the product accepts: a larger one is measured as
     *                         this, since the executor refuses it as bad input (which says more than
     *                         "too complex" would)
     */
    public DocumentCost(GraphQLSchema schema, Map<String, Integer> textBytes, int defaultTextBytes,
                        Set<String> authMutations, int maxRows) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.textBytes = Map.copyOf(textBytes);
        this.defaultTextBytes = defaultTextBytes;
        this.authMutations = Set.copyOf(authMutations);
        this.maxRows = maxRows;
    }

    /** The measures of {@code operation} of {@code document} with {@code variables}. */
    public Measures measure(Document document, Optional<String> operation, Map<String, Object> variables) {
        CoercedVariables coerced = CoercedVariables.of(variables);
        long points = calculate(document, operation, coerced, (env, child) -> saturated(1 + (long) child * rows(env)));
        long bytes = calculate(document, operation, coerced, (env, child) -> saturated(FIELD_OVERHEAD + ownBytes(env)
                + (long) child * rows(env)));
        var shape = new Shape();
        QueryTraverser.newQueryTraverser().schema(schema).document(document).operationName(operation.orElse(null))
                .coercedVariables(coerced).build().visitPreOrder(shape);
        return new Measures(points, bytes, shape.depth, shape.mutations, shape.auth);
    }

    private long calculate(Document document, Optional<String> operation, CoercedVariables variables,
                           FieldComplexityCalculator calculator) {
        return QueryComplexityCalculator.newCalculator().schema(schema).document(document)
                .operationName(operation.orElse(null)).variables(variables).fieldComplexityCalculator(calculator)
                .build().calculate();
    }

    /** How many times the field's selection is answered: its {@code first}, or 1 for a field without one. */
    private long rows(FieldComplexityEnvironment env) {
        GraphQLFieldDefinition definition = env.getFieldDefinition();
        GraphQLArgument first = definition == null ? null : definition.getArgument(FIRST);
        if (first == null) {
            return 1;
        }
        Object value = env.getArguments().get(FIRST);
        if (!(value instanceof Number) && first.hasSetDefaultValue()) {
            value = first.getArgumentDefaultValue().getValue();
        }
        return value instanceof Number n ? Math.clamp(n.longValue(), 1, maxRows) : 1;
    }

    /** A leaf's value at its longest; nothing for an object (its fields count themselves). */
    private long ownBytes(FieldComplexityEnvironment env) {
        GraphQLFieldDefinition definition = env.getFieldDefinition();
        if (definition == null || !GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(definition.getType()))) {
            return 0;
        }
        String name = GraphQLTypeUtil.simplePrint(env.getParentType()) + "." + definition.getName();
        return textBytes.getOrDefault(name, defaultTextBytes);
    }

    private static int saturated(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    /** Depth and root mutation fields, from one pre-order walk. */
    private final class Shape extends QueryVisitorStub {
        int depth;
        int mutations;
        int auth;

        @Override
        public void visitField(QueryVisitorFieldEnvironment env) {
            int level = 1;
            for (var p = env.getParentEnvironment(); p != null; p = p.getParentEnvironment()) {
                level++;
            }
            depth = Math.max(depth, level);
            GraphQLObjectType mutation = schema.getMutationType();
            if (level == 1 && mutation != null && env.getParentType() == mutation) {
                mutations++;
                if (authMutations.contains(env.getField().getName())) {
                    auth++;
                }
            }
        }
    }
}
