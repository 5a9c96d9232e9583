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
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * A minimal connection pool: keeps up to {@code maxIdle} open connections and hands out proxies whose
 * {@code close()} gives the connection back (rolled back and in auto-commit when a transaction was left open).
 * Opening a SQLite connection costs far more than a statement, and a PostgreSQL one costs a round trip and an
 * authentication, so the store never opens one per call.
 *
 * <p>With {@code cacheStatements}, each physical connection also keeps its prepared statements by SQL text (the
 * store's SQL is a small fixed set): compiling a statement costs SQLite more than running these small ones. A cached
 * statement's {@code close()} only clears its parameters; a statement already in use is prepared afresh.
 */
public final class PooledDataSource implements DataSource, AutoCloseable {

    /** Opens a new physical connection. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(PooledDataSource.class);

    private static final int MAX_CACHED_STATEMENTS = 128;

    private final ConnectionFactory factory;
    private final int maxIdle;
    private final boolean cacheStatements;
    private final BlockingDeque<Physical> idle = new LinkedBlockingDeque<>();
    private volatile boolean closed;

    public PooledDataSource(ConnectionFactory factory, int maxIdle, boolean cacheStatements) {
        this.factory = factory;
        this.maxIdle = maxIdle;
        this.cacheStatements = cacheStatements;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
        Physical physical = idle.pollFirst();
        while (physical != null && physical.connection.isClosed()) {
            physical = idle.pollFirst();
        }
        if (physical == null) {
            physical = new Physical(factory.open());
        }
        Lent lent = new Lent(physical);
        lent.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                lent);
        return lent.proxy;
    }

    private void giveBack(Physical physical) {
        try {
            Connection c = physical.connection;
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            if (!closed && idle.size() < maxIdle) {
                idle.offerFirst(physical);
                return;
            }
        } catch (SQLException e) {
            LOG.debug("dropping a connection that failed to reset", e);
        }
        physical.close();
    }

    @Override
    public void close() {
        closed = true;
        Physical p;
        while ((p = idle.pollFirst()) != null) {
            p.close();
        }
    }

    /** A physical connection and its statement cache. */
    private static final class Physical {
        final Connection connection;
        final Map<String, CachedStatement> statements = new LinkedHashMap<>(32, 0.75f, true);

        Physical(Connection connection) {
            this.connection = connection;
        }

        void close() {
            for (CachedStatement cs : statements.values()) {
                cs.closePhysical();
            }
            statements.clear();
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection failed", e);
            }
        }
    }

    /** A prepared statement kept open across uses. */
    private static final class CachedStatement implements InvocationHandler {
        final PreparedStatement statement;
        final Connection owner;
        PreparedStatement proxy;
        boolean inUse;

        CachedStatement(PreparedStatement statement, Connection owner) {
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
                        statement.clearParameters();
                    }
                    return null;
                case "isClosed":
                    return !inUse;
                case "getConnection":
                    return owner;
                case "equals":
                    return p == args[0];
                case "hashCode":
                    return System.identityHashCode(p);
                default:
                    try {
                        return method.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // not used
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** The handler of a lent connection. */
    private final class Lent implements InvocationHandler {
        private final Physical physical;
        private Connection proxy;
        private boolean returned;

        Lent(Physical physical) {
            this.physical = physical;
        }

        private boolean cacheable(Method method, Object[] args) {
            if (!cacheStatements || !"prepareStatement".equals(method.getName())) {
                return false;
            }
            return args.length == 1 || (args.length == 3 && Integer.valueOf(ResultSet.TYPE_FORWARD_ONLY).equals(args[1])
                    && Integer.valueOf(ResultSet.CONCUR_READ_ONLY).equals(args[2]));
        }

        private PreparedStatement prepareCached(String sql) throws SQLException {
            CachedStatement cs = physical.statements.get(sql);
            if (cs != null && cs.inUse) {
                // the same SQL twice at once on this connection: an uncached statement for the second
                return physical.connection.prepareStatement(sql);
            }
            if (cs == null) {
                cs = new CachedStatement(physical.connection.prepareStatement(sql), proxy);
                cs.proxy = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class}, cs);
                physical.statements.put(sql, cs);
                evictOldest();
            }
            cs.inUse = true;
            return cs.proxy;
        }

        private void evictOldest() {
            var it = physical.statements.entrySet().iterator();
            while (physical.statements.size() > MAX_CACHED_STATEMENTS && it.hasNext()) {
                CachedStatement oldest = it.next().getValue();
                if (!oldest.inUse) {
                    oldest.closePhysical();
                    it.remove();
                }
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "close":
                    if (!returned) {
                        returned = true;
                        giveBack(physical);
                    }
                    return null;
                case "isClosed":
                    return returned || physical.connection.isClosed();
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "pooled " + physical.connection;
                default:
                    if (returned) {
                        throw new SQLException("connection already given back to the pool");
                    }
                    if (cacheable(method, args)) {
                        return prepareCached((String) args[0]);
                    }
                    try {
                        return method.invoke(physical.connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }
    }
}
