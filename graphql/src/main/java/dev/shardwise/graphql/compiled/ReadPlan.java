package dev.shardwise.graphql.compiled;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GraphQL read document compiled for direct execution ({@link DocumentCompiler}): the root
 * fields in selection order, each down to the columns it needs, with every response key the client
 * chose (aliases included). A plan only ever describes a valid document of the supported subset; a
 * document outside it has no plan and goes to the general executor.
 *
 * @param roots the root fields, in the order the response must list them
 */
public record ReadPlan(List<Root> roots) {

    public ReadPlan {
        roots = List.copyOf(roots);
    }

    /** A field argument as the document gives it. */
    public sealed interface Arg {
        /** Absent: the field's default applies. */
        record Absent() implements Arg {
        }

        /** Written in the document ({@code null} literals are {@link Absent}: they mean the same here). */
        record Literal(Object value) implements Arg {
        }

        /** A variable of the request; its value is checked when the plan runs. */
        record Variable(String name) implements Arg {
        }

        /** The value, if any: the literal, or the variable's value in {@code variables}. */
        default Optional<Object> value(Map<String, Object> variables) {
            return switch (this) {
                case Absent a -> Optional.empty();
                case Literal l -> Optional.of(l.value());
                case Variable v -> Optional.ofNullable(variables.get(v.name()));
            };
        }
    }

    /** A response entry under a key: a plain value of the object at hand. */
    public record Leaf<F extends Enum<F>>(String key, F field) {
    }

    /** A root field of the query. */
    public sealed interface Root {
        String key();

        /** {@code __typename} on the root: always {@code "Query"}. */
        record Typename(String key) implements Root {
        }

        /** {@code page(id:)} with its selection. */
        record Page(String key, Arg id, List<PageEntry> fields) implements Root {
            public Page {
                fields = List.copyOf(fields);
            }

            /** The page's block list, if selected (a plan selects it at most once per page). */
            public Optional<Connection<List<Leaf<BlockField>>>> blocks() {
                return PageEntry.blocks(fields);
            }
        }

        /** {@code workspace(id:)} with its selection. */
        record Workspace(String key, Arg id, List<WorkspaceEntry> fields) implements Root {
            public Workspace {
                fields = List.copyOf(fields);
            }

            /** The workspace's page list, if selected (at most once). */
            public Optional<Connection<List<PageEntry>>> pages() {
                return fields.stream().filter(WorkspaceEntry.Pages.class::isInstance)
                        .map(e -> ((WorkspaceEntry.Pages) e).pages()).findFirst();
            }
        }
    }

    /** The plain fields of a workspace. */
    public enum WorkspaceField { TYPENAME, ID, NAME, CREATED_AT }

    /** The plain fields of a page. */
    public enum PageField { TYPENAME, ID, TITLE, CREATED_AT, UPDATED_AT }

    /** The plain fields of a block. */
    public enum BlockField { TYPENAME, ID, TYPE, TEXT, VERSION }

    /** The fields of a connection's page info. */
    public enum InfoField { TYPENAME, HAS_NEXT_PAGE, START_CURSOR, END_CURSOR }

    /** A field selected on a workspace. */
    public sealed interface WorkspaceEntry {
        record Plain(Leaf<WorkspaceField> leaf) implements WorkspaceEntry {
        }

        /** {@code pages(first:, after:)} and what is selected of the connection. */
        record Pages(Connection<List<PageEntry>> pages) implements WorkspaceEntry {
        }
    }

    /** A field selected on a page. */
    public sealed interface PageEntry {
        record Plain(Leaf<PageField> leaf) implements PageEntry {
        }

        /** {@code blocks(first:, after:)} and what is selected of the connection. */
        record Blocks(Connection<List<Leaf<BlockField>>> blocks) implements PageEntry {
        }

        /** The block list among {@code fields}, if selected. */
        static Optional<Connection<List<Leaf<BlockField>>>> blocks(List<PageEntry> fields) {
            return fields.stream().filter(Blocks.class::isInstance).map(e -> ((Blocks) e).blocks()).findFirst();
        }
    }

    /**
     * A list field ({@code first:}, {@code after:}) and what is selected of its connection.
     *
     * @param <N> what is selected of each node
     */
    public record Connection<N>(String key, Arg first, Arg after, List<ConnectionEntry<N>> fields) {
        public Connection {
            fields = List.copyOf(fields);
        }
    }

    /** A field selected on a connection. */
    public sealed interface ConnectionEntry<N> {
        String key();

        /** {@code __typename}: the connection type's name. */
        record Typename<N>(String key) implements ConnectionEntry<N> {
        }

        record Edges<N>(String key, List<EdgeEntry<N>> fields) implements ConnectionEntry<N> {
            public Edges {
                fields = List.copyOf(fields);
            }
        }

        record PageInfo<N>(String key, List<Leaf<InfoField>> fields) implements ConnectionEntry<N> {
            public PageInfo {
                fields = List.copyOf(fields);
            }
        }
    }

    /** A field selected on an edge. */
    public sealed interface EdgeEntry<N> {
        String key();

        /** {@code __typename}: the edge type's name. */
        record Typename<N>(String key) implements EdgeEntry<N> {
        }

        record Cursor<N>(String key) implements EdgeEntry<N> {
        }

        record Node<N>(String key, N selection) implements EdgeEntry<N> {
        }
    }
}
