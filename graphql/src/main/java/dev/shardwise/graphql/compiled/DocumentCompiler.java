package dev.shardwise.graphql.compiled;

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
import graphql.language.Argument;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.IntValue;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Compiles a GraphQL document into a {@link ReadPlan} when it lies in the subset the direct path
 * serves: one query operation whose root fields are {@code page(id:)}, {@code workspace(id:)} and
 * {@code __typename}, selecting a page's plain fields and its {@code blocks(first:, after:)}
 * connection down to the blocks' plain fields, and a workspace's plain fields and its
 * {@code pages(first:, after:)} connection down to such pages (whose blocks then start at the first). Anything else, and anything the general executor might answer differently
 * (fragments, directives, explicit nulls, variable defaults, a list field selected with differing
 * arguments, repeated response keys, large documents), is {@link Compilation.Declined declined}
 * with the reason, and the general executor handles the request exactly as before: validation
 * errors, limits and every error message stay that executor's. Accepting only known fields with
 * arguments and variables of the schema's own types is what makes every plan a valid document.
 *
 * <p>Stateless and thread-safe; {@link CompiledReads} caches its results by document text.
 */
public final class DocumentCompiler {

    /** Root {@code page} and {@code workspace} fields a plan may hold (one statement each); more go to the general executor. */
    static final int MAX_ROOTS = 10;
    /** Fields a plan may hold in all: far below the general executor's complexity limit. */
    static final int MAX_FIELDS = 200;

    /** Why a document has no plan. */
    public enum Decline {
        NOT_PARSEABLE, NOT_ONE_QUERY, OPERATION_NAME, FRAGMENT, DIRECTIVE, UNSUPPORTED_FIELD, VARIABLES, ARGUMENTS,
        REPEATED_KEY, TOO_LARGE
    }

    /** The outcome of compiling one document. */
    public sealed interface Compilation {
        record Compiled(ReadPlan plan) implements Compilation {
        }

        record Declined(Decline reason) implements Compilation {
        }
    }

    /** The types an argument accepts from a variable, as written in a variable definition. */
    private enum ArgType {
        ID(Set.of("ID!")), INT(Set.of("Int", "Int!")), STRING(Set.of("String", "String!"));

        private final Set<String> variableTypes;

        ArgType(Set<String> variableTypes) {
            this.variableTypes = variableTypes;
        }
    }

    /** Control flow inside one compilation only; never escapes {@link #compile}. */
    private static final class Unsupported extends RuntimeException {
        private final Decline reason;

        Unsupported(Decline reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }

    /**
     * @param query         the document text
     * @param operationName the request's operation name, if it gave one
     */
    public Compilation compile(String query, Optional<String> operationName) {
        try {
            return new Compilation.Compiled(new Walk(operation(parse(query), operationName)).plan());
        } catch (Unsupported e) {
            return new Compilation.Declined(e.reason);
        }
    }

    private static Document parse(String query) {
        try {
            return Parser.parse(query);
        } catch (RuntimeException e) {
            throw new Unsupported(Decline.NOT_PARSEABLE);
        }
    }

    private static OperationDefinition operation(Document document, Optional<String> operationName) {
        List<Definition> definitions = document.getDefinitions();
        if (definitions.size() != 1 || !(definitions.getFirst() instanceof OperationDefinition op)) {
            throw new Unsupported(definitions.stream().anyMatch(d -> !(d instanceof OperationDefinition))
                    ? Decline.FRAGMENT : Decline.NOT_ONE_QUERY);
        }
        if (op.getOperation() != OperationDefinition.Operation.QUERY) {
            throw new Unsupported(Decline.NOT_ONE_QUERY);
        }
        if (operationName.isPresent() && !operationName.get().equals(op.getName())) {
            throw new Unsupported(Decline.OPERATION_NAME);
        }
        require(op.getDirectives().isEmpty(), Decline.DIRECTIVE);
        return op;
    }

    private static void require(boolean condition, Decline reason) {
        if (!condition) {
            throw new Unsupported(reason);
        }
    }

    /** One pass over an operation: its variables, the fields seen, the block lists' arguments. */
    private static final class Walk {
        private final OperationDefinition op;
        private final Map<String, String> variableTypes = new HashMap<>();
        private final Set<String> used = new HashSet<>();
        private final List<List<Arg>> blockLists = new ArrayList<>();
        private final List<List<Arg>> pageLists = new ArrayList<>();
        private int fieldCount;

        Walk(OperationDefinition op) {
            this.op = op;
            for (VariableDefinition v : op.getVariableDefinitions()) {
                require(v.getDefaultValue() == null && v.getDirectives().isEmpty(), Decline.VARIABLES);
                require(variableTypes.put(v.getName(), typeName(v.getType())) == null, Decline.VARIABLES);
            }
        }

        ReadPlan plan() {
            List<Root> roots = fields(op.getSelectionSet(), this::root);
            require(roots.stream().filter(r -> !(r instanceof Root.Typename)).count() <= MAX_ROOTS, Decline.TOO_LARGE);
            require(used.equals(variableTypes.keySet()), Decline.VARIABLES);
            // The general executor batches a list field once per request and refuses differing arguments.
            require(blockLists.stream().distinct().count() <= 1 && pageLists.stream().distinct().count() <= 1,
                    Decline.ARGUMENTS);
            return new ReadPlan(roots);
        }

        private Root root(Field f) {
            return switch (f.getName()) {
                case "__typename" -> new Root.Typename(leafKey(f));
                case "page" -> new Root.Page(key(f), id(f), pageFields(f, false));
                case "workspace" -> new Root.Workspace(key(f), id(f), fields(selection(f), w -> switch (w.getName()) {
                    case "pages" -> new WorkspaceEntry.Pages(connection(w, pageLists, p -> pageFields(p, true)));
                    default -> new WorkspaceEntry.Plain(leaf(w, WorkspaceField.class));
                }));
                default -> throw new Unsupported(Decline.UNSUPPORTED_FIELD);
            };
        }

        private Arg id(Field f) {
            Map<String, Arg> args = arguments(f, Map.of("id", ArgType.ID));
            require(args.containsKey("id"), Decline.ARGUMENTS);
            return args.get("id");
        }

        /**
         * A page's selection; a page in a workspace's list ({@code nested}) reads its blocks from the
         * start, the one shape its statement has.
         */
        private List<PageEntry> pageFields(Field page, boolean nested) {
            List<PageEntry> entries = fields(selection(page), f -> switch (f.getName()) {
                case "blocks" -> new PageEntry.Blocks(connection(f, blockLists, b -> fields(selection(b),
                        l -> leaf(l, BlockField.class))));
                default -> new PageEntry.Plain(leaf(f, PageField.class));
            });
            require(entries.stream().filter(PageEntry.Blocks.class::isInstance).count() <= 1, Decline.ARGUMENTS);
            require(!nested || PageEntry.blocks(entries).map(b -> b.after() instanceof Arg.Absent).orElse(true),
                    Decline.ARGUMENTS);
            return entries;
        }

        /** A list field: its arguments, noted in {@code lists} for the uniformity check, and its connection. */
        private <N> Connection<N> connection(Field f, List<List<Arg>> lists, Function<Field, N> node) {
            Map<String, Arg> args = arguments(f, Map.of("first", ArgType.INT, "after", ArgType.STRING));
            Arg first = args.getOrDefault("first", new Arg.Absent());
            Arg after = args.getOrDefault("after", new Arg.Absent());
            lists.add(List.of(first, after));
            return new Connection<>(key(f), first, after, fields(selection(f), c -> switch (c.getName()) {
                case "__typename" -> new ConnectionEntry.Typename<N>(leafKey(c));
                case "edges" -> new ConnectionEntry.Edges<>(key(c), fields(selection(c), e -> edge(e, node)));
                case "pageInfo" -> new ConnectionEntry.PageInfo<N>(key(c),
                        fields(selection(c), i -> leaf(i, InfoField.class)));
                default -> throw new Unsupported(Decline.UNSUPPORTED_FIELD);
            }));
        }

        private static <N> EdgeEntry<N> edge(Field f, Function<Field, N> node) {
            return switch (f.getName()) {
                case "__typename" -> new EdgeEntry.Typename<>(leafKey(f));
                case "cursor" -> new EdgeEntry.Cursor<>(leafKey(f));
                case "node" -> new EdgeEntry.Node<>(key(f), node.apply(f));
                default -> throw new Unsupported(Decline.UNSUPPORTED_FIELD);
            };
        }

        /** Maps every field of {@code set}, which must hold fields only, each under its own response key. */
        private <T> List<T> fields(SelectionSet set, Function<Field, T> map) {
            Set<String> keys = new HashSet<>();
            List<T> out = new ArrayList<>(set.getSelections().size());
            for (Selection<?> selection : set.getSelections()) {
                require(selection instanceof Field, Decline.FRAGMENT);
                Field f = (Field) selection;
                require(f.getDirectives().isEmpty(), Decline.DIRECTIVE);
                require(keys.add(key(f)), Decline.REPEATED_KEY);
                require(++fieldCount <= MAX_FIELDS, Decline.TOO_LARGE);
                out.add(map.apply(f));
            }
            return List.copyOf(out);
        }

        private static SelectionSet selection(Field f) {
            require(f.getSelectionSet() != null && !f.getSelectionSet().getSelections().isEmpty(),
                    Decline.UNSUPPORTED_FIELD);
            return f.getSelectionSet();
        }

        /** A plain field: its name in GraphQL is the enum constant's name in camel case. */
        private static <F extends Enum<F>> Leaf<F> leaf(Field f, Class<F> fields) {
            String key = leafKey(f);
            for (F field : fields.getEnumConstants()) {
                if (graphqlName(field).equals(f.getName())) {
                    return new Leaf<>(key, field);
                }
            }
            throw new Unsupported(Decline.UNSUPPORTED_FIELD);
        }

        private static String leafKey(Field f) {
            require(f.getArguments().isEmpty(), Decline.ARGUMENTS);
            require(f.getSelectionSet() == null, Decline.UNSUPPORTED_FIELD);
            return key(f);
        }

        private static String key(Field f) {
            return f.getAlias() != null ? f.getAlias() : f.getName();
        }

        private Map<String, Arg> arguments(Field f, Map<String, ArgType> accepted) {
            Map<String, Arg> out = new HashMap<>();
            for (Argument a : f.getArguments()) {
                ArgType type = accepted.get(a.getName());
                require(type != null, Decline.ARGUMENTS);
                require(out.put(a.getName(), value(a.getValue(), type)) == null, Decline.ARGUMENTS);
            }
            return out;
        }

        private Arg value(Value<?> value, ArgType type) {
            if (value instanceof VariableReference ref) {
                String declared = variableTypes.get(ref.getName());
                require(declared != null && type.variableTypes.contains(declared), Decline.VARIABLES);
                used.add(ref.getName());
                return new Arg.Variable(ref.getName());
            }
            if (type == ArgType.INT && value instanceof IntValue i && i.getValue().bitLength() < 32) {
                return new Arg.Literal(i.getValue().intValueExact());
            }
            if (type != ArgType.INT && value instanceof StringValue s) {
                return new Arg.Literal(s.getValue());
            }
            // Explicit nulls, ints as ids and the like: valid or not, the general executor decides.
            throw new Unsupported(Decline.ARGUMENTS);
        }

        private static String typeName(Type<?> type) {
            if (type instanceof NonNullType nonNull && nonNull.getType() instanceof TypeName name) {
                return name.getName() + "!";
            }
            if (type instanceof TypeName name) {
                return name.getName();
            }
            throw new Unsupported(Decline.VARIABLES);
        }
    }

    /** {@code HAS_NEXT_PAGE} → {@code hasNextPage}; {@code TYPENAME} → {@code __typename}. */
    static String graphqlName(Enum<?> field) {
        if (field.name().equals("TYPENAME")) {
            return "__typename";
        }
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : field.name().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return name.toString();
    }
}
