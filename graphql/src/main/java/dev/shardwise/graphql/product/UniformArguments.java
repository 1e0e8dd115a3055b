package dev.shardwise.graphql.product;

import dev.shardwise.graphql.error.ApiException;
import graphql.execution.CoercedVariables;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Guards the batched list fields against a SmallRye limitation: a batch field's data loader is
 * keyed by the source object alone and calls the resolver with the arguments of the first
 * selection it saw. A request that selects one list field with different arguments in two places
 * (aliases such as {@code a: blocks(first: 1) b: blocks(first: 3)}, or two workspaces' pages with
 * different {@code first}) would silently get the first selection's results for all of them, so
 * it is refused with BAD_USER_INPUT instead. Selections with equal arguments batch as usual.
 *
 * <p>The operation is normalized (fragments, aliases and variables resolved) once per request.
 */
@ApplicationScoped
public class UniformArguments {

    private static final String CONFLICTS = UniformArguments.class.getName();

    private final Context context;

    @Inject
    public UniformArguments(Context context) {
        this.context = context;
    }

    /**
     * @param type  the GraphQL object type declaring the field (e.g. {@code Page})
     * @param field the batched field (e.g. {@code blocks})
     * @throws ApiException BAD_USER_INPUT if the request selects it with differing arguments
     */
    public void require(String type, String field) throws ApiException {
        DataFetchingEnvironment env = context.unwrap(DataFetchingEnvironment.class);
        Set<String> conflicting = env.getGraphQlContext().computeIfAbsent(CONFLICTS, key -> conflicts(env));
        if (conflicting.contains(type + "." + field)) {
            throw ApiException.badUserInput("`" + type + "." + field + "` is selected more than once with different"
                    + " arguments; this API batches each list field once per request, so use the same arguments"
                    + " everywhere or separate requests");
        }
    }

    private static Set<String> conflicts(DataFetchingEnvironment env) {
        ExecutableNormalizedOperation operation = ExecutableNormalizedOperationFactory
                .createExecutableNormalizedOperation(env.getGraphQLSchema(), env.getOperationDefinition(),
                        env.getFragmentsByName(), CoercedVariables.of(env.getVariables()));
        Map<String, Set<Map<String, Object>>> arguments = new HashMap<>();
        Deque<ExecutableNormalizedField> pending = new ArrayDeque<>(operation.getTopLevelFields());
        while (!pending.isEmpty()) {
            ExecutableNormalizedField field = pending.pop();
            for (String type : field.getObjectTypeNames()) {
                arguments.computeIfAbsent(type + "." + field.getFieldName(), k -> new HashSet<>())
                        .add(field.getResolvedArguments());
            }
            pending.addAll(field.getChildren());
        }
        return arguments.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
