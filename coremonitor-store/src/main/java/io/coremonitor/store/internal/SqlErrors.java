package io.coremonitor.store.internal;

import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Recognizes constraint violations the same way on SQLite and PostgreSQL. */
public final class SqlErrors {

    private SqlErrors() {
    }

    public static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
            }
            if (c instanceof SQLException s && s.getSQLState() != null) {
                return "23505".equals(s.getSQLState());
            }
        }
        return false;
    }

    public static boolean isForeignKeyViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLiteException s) {
                return s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
            }
            if (c instanceof SQLException s && s.getSQLState() != null) {
                return "23503".equals(s.getSQLState());
            }
        }
        return false;
    }

    /** Whether the message of the SQL error mentions this text (a constraint, an index or a column). */
    public static boolean mentions(Throwable t, String text) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException && c.getMessage() != null
                    && c.getMessage().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
