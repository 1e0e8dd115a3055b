package dev.shardwise.routing.exec;

import dev.shardwise.routing.spi.StatementContext;
import dev.shardwise.routing.spi.StatementHook;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Wraps a routed connection so that every SQL text it prepares or executes first passes the
 * statement hooks (which see the text as the application wrote it) and is then rewritten for
 * the shard (its table names qualified with the shard's schema). Dynamic proxies keep this
 * independent of the JDBC interface's size; the cost is one reflective call per JDBC call,
 * measured in bench/.
 */
final class InspectingConnection {

    private static final Set<String> CONNECTION_SQL_METHODS = Set.of("prepareStatement", "prepareCall", "nativeSQL");
    private static final Set<String> STATEMENT_SQL_METHODS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "addBatch");

    private InspectingConnection() {
    }

    static Connection wrap(Connection target, List<StatementHook> hooks, StatementContext context,
                           Optional<UnaryOperator<String>> rewrite) {
        if (hooks.isEmpty() && rewrite.isEmpty()) {
            return target;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new Handler(target, hooks, context, rewrite.orElse(UnaryOperator.identity()), CONNECTION_SQL_METHODS));
    }

    private record Handler(Object target, List<StatementHook> hooks, StatementContext context,
                           UnaryOperator<String> rewrite, Set<String> sqlMethods) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object[] actual = args;
            if (args != null && args.length > 0 && args[0] instanceof String sql
                    && sqlMethods.contains(method.getName())) {
                for (StatementHook hook : hooks) {
                    hook.beforeStatement(context, sql);
                }
                actual = args.clone();
                actual[0] = rewrite.apply(sql);
            }
            if (method.getName().equals("unwrap") && args[0] instanceof Class<?> type && type.isInstance(proxy)) {
                return proxy;
            }
            Object result;
            try {
                result = method.invoke(target, actual);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                        new Handler(statement, hooks, context, rewrite, STATEMENT_SQL_METHODS));
            }
            return result;
        }
    }
}
