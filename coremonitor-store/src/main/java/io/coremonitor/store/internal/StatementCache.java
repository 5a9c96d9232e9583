package io.coremonitor.store.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Keeps each SQLite connection's prepared statements by SQL text, under the pool (the pool holds these connections;
 * closing one closes its statements). Compiling a statement costs SQLite more than running the store's small ones,
 * and sqlite-jdbc keeps no cache of its own; {@code benchmarks/store-queue.sh} measured the difference (see the
 * store's README). A cached statement's {@code close()} only clears its parameters; one whose execution failed is
 * closed for real and prepared afresh next time, and a statement already in use is prepared uncached.
 */
final class StatementCache implements DataSource {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(StatementCache.class);
    private static final int MAX_STATEMENTS = 128;

    private final DataSource delegate;

    StatementCache(DataSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Caching handler = new Caching(delegate.getConnection());
        handler.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
        return handler.proxy;
    }

    /** A physical connection and its statements. */
    private static final class Caching implements InvocationHandler {
        private final Connection connection;
        private final Map<String, Cached> statements = new LinkedHashMap<>(32, 0.75f, true);
        private Connection proxy;

        Caching(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object p, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    statements.values().forEach(Cached::closePhysical);
                    statements.clear();
                    connection.close();
                    return null;
                case "equals":
                    return p == args[0];
                case "hashCode":
                    return System.identityHashCode(p);
                case "toString":
                    return "caching " + connection;
                case "unwrap":
                    return ((Class<?>) args[0]).isInstance(connection) ? connection : method.invoke(connection, args);
                default:
                    if (cacheable(method, args)) {
                        return prepare((String) args[0]);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }

        private static boolean cacheable(Method method, Object[] args) {
            if (!"prepareStatement".equals(method.getName())) {
                return false;
            }
            return args.length == 1 || (args.length == 3 && Integer.valueOf(ResultSet.TYPE_FORWARD_ONLY).equals(args[1])
                    && Integer.valueOf(ResultSet.CONCUR_READ_ONLY).equals(args[2]));
        }

        private PreparedStatement prepare(String sql) throws SQLException {
            Cached cached = statements.get(sql);
            if (cached != null && cached.inUse) {
                return connection.prepareStatement(sql);
            }
            if (cached == null) {
                cached = new Cached(sql, connection.prepareStatement(sql), this);
                cached.proxy = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class}, cached);
                statements.put(sql, cached);
                evictOldest();
            }
            cached.inUse = true;
            return cached.proxy;
        }

        private void evictOldest() {
            var it = statements.entrySet().iterator();
            while (statements.size() > MAX_STATEMENTS && it.hasNext()) {
                Cached oldest = it.next().getValue();
                if (!oldest.inUse) {
                    oldest.closePhysical();
                    it.remove();
                }
            }
        }
    }

    /** A prepared statement kept open across uses. */
    private static final class Cached implements InvocationHandler {
        private final String sql;
        private final PreparedStatement statement;
        private final Caching owner;
        private PreparedStatement proxy;
        private boolean inUse;
        private boolean failed;

        Cached(String sql, PreparedStatement statement, Caching owner) {
            this.sql = sql;
            this.statement = statement;
            this.owner = owner;
        }

        void closePhysical() {
            try {
                statement.close();
            } catch (SQLException e) {
                LOG.debug("closing a cached statement failed", e);
            }
        }

        @Override
        public Object invoke(Object p, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (inUse) {
                        inUse = false;
                        if (failed) {
                            owner.statements.remove(sql, this);
                            closePhysical();
                        } else {
                            statement.clearParameters();
                        }
                    }
                    return null;
                case "isClosed":
                    return !inUse;
                case "getConnection":
                    return owner.proxy;
                case "equals":
                    return p == args[0];
                case "hashCode":
                    return System.identityHashCode(p);
                default:
                    try {
                        return method.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof SQLException) {
                            failed = true;
                        }
                        throw e.getCause();
                    }
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("SQLite has no credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
