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
            public Optional<PageEntry.Blocks> blocks() {
                return fields.stream().filter(PageEntry.Blocks.class::isInstance).map(PageEntry.Blocks.class::cast)
                        .findFirst();
            }
        }
    }

    /** The plain fields of a page. */
    public enum PageField { TYPENAME, ID, TITLE, CREATED_AT, UPDATED_AT }

    /** The plain fields of a block. */
    public enum BlockField { TYPENAME, ID, TYPE, TEXT, VERSION }

    /** The fields of a connection's page info. */
    public enum InfoField { TYPENAME, HAS_NEXT_PAGE, START_CURSOR, END_CURSOR }

    /** A field selected on a page. */
    public sealed interface PageEntry {
        record Plain(Leaf<PageField> leaf) implements PageEntry {
        }

        /** {@code blocks(first:, after:)} and what is selected of the connection. */
        record Blocks(String key, Arg first, Arg after, List<ConnectionEntry> fields) implements PageEntry {
            public Blocks {
                fields = List.copyOf(fields);
            }
        }
    }

    /** A field selected on a block connection. */
    public sealed interface ConnectionEntry {
        /** {@code __typename}: {@code "BlockConnection"}. */
        record Typename(String key) implements ConnectionEntry {
        }

        record Edges(String key, List<EdgeEntry> fields) implements ConnectionEntry {
            public Edges {
                fields = List.copyOf(fields);
            }
        }

        record PageInfo(String key, List<Leaf<InfoField>> fields) implements ConnectionEntry {
            public PageInfo {
                fields = List.copyOf(fields);
            }
        }
    }

    /** A field selected on a block edge. */
    public sealed interface EdgeEntry {
        /** {@code __typename}: {@code "BlockEdge"}. */
        record Typename(String key) implements EdgeEntry {
        }

        record Cursor(String key) implements EdgeEntry {
        }

        record Node(String key, List<Leaf<BlockField>> fields) implements EdgeEntry {
            public Node {
                fields = List.copyOf(fields);
            }
        }
    }
}
