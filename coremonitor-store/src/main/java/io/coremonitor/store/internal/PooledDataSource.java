package io.coremonitor.store.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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
 */
public final class PooledDataSource implements DataSource, AutoCloseable {

    /** Opens a new physical connection. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(PooledDataSource.class);

    private final ConnectionFactory factory;
    private final int maxIdle;
    private final BlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private volatile boolean closed;

    public PooledDataSource(ConnectionFactory factory, int maxIdle) {
        this.factory = factory;
        this.maxIdle = maxIdle;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
        Connection physical = idle.pollFirst();
        while (physical != null && physical.isClosed()) {
            physical = idle.pollFirst();
        }
        if (physical == null) {
            physical = factory.open();
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lent(physical));
    }

    private void giveBack(Connection physical) {
        try {
            if (!physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
            if (!closed && idle.size() < maxIdle) {
                idle.offerFirst(physical);
                return;
            }
        } catch (SQLException e) {
            LOG.debug("dropping a connection that failed to reset", e);
        }
        closeQuietly(physical);
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a connection failed", e);
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
        private final Connection physical;
        private boolean returned;

        Lent(Connection physical) {
            this.physical = physical;
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
                    return returned || physical.isClosed();
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "pooled " + physical;
                default:
                    if (returned) {
                        throw new SQLException("connection already given back to the pool");
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }
    }
}
