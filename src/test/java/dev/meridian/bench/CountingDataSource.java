package dev.meridian.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A data source that counts what its readers asked for: statements executed, and rows returned per table
 * (the first table after FROM). Rows the database scanned but filtered out are not counted; EXPLAIN
 * ANALYZE shows those. Single-threaded readers only.
 */
final class CountingDataSource implements InvocationHandler {

    private static final Pattern FROM = Pattern.compile("\\bFROM\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    private final DataSource delegate;
    private final Map<String, Long> rows = new TreeMap<>();
    private long statements;

    private CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    static CountingDataSource wrap(DataSource delegate) {
        return new CountingDataSource(delegate);
    }

    DataSource dataSource() {
        return proxy(DataSource.class, this);
    }

    void reset() {
        rows.clear();
        statements = 0;
    }

    long statements() {
        return statements;
    }

    /** Rows returned per table since the last {@link #reset}, by table name. */
    Map<String, Long> rows() {
        return Collections.unmodifiableMap(new TreeMap<>(rows));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object result = call(delegate, method, args);
        return result instanceof Connection connection
                ? proxy(Connection.class, (p, m, a) -> connection(connection, m, a)) : result;
    }

    private Object connection(Connection connection, Method method, Object[] args) throws Throwable {
        Object result = call(connection, method, args);
        if (result instanceof Statement statement && !method.getName().equals("unwrap")) {
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
            Class<?> type = method.getReturnType();
            return proxy(type, (p, m, a) -> statement(statement, sql, m, a));
        }
        return result;
    }

    private Object statement(Statement statement, String preparedSql, Method method, Object[] args) throws Throwable {
        Object result = call(statement, method, args);
        if (method.getName().startsWith("execute")) {
            statements++;
        }
        if (result instanceof ResultSet rs && !method.getName().equals("unwrap")) {
            String sql = preparedSql != null ? preparedSql : args != null && args.length > 0 ? String.valueOf(args[0]) : "";
            Matcher from = FROM.matcher(sql);
            String table = from.find() ? from.group(1).toLowerCase() : "?";
            return proxy(ResultSet.class, (p, m, a) -> {
                Object value = call(rs, m, a);
                if (m.getName().equals("next") && Boolean.TRUE.equals(value)) {
                    rows.merge(table, 1L, Long::sum);
                }
                return value;
            });
        }
        return result;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
