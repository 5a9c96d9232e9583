package io.coremonitor.store.internal;

import io.coremonitor.store.WizardChoicesRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a wizard_choices row joined with its version's label ({@link WizardChoicesDao#SELECT}). */
public final class WizardChoicesMapper implements RowMapper<WizardChoicesRecord> {

    @Override
    public WizardChoicesRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new WizardChoicesRecord(rs.getString("stack_id"), rs.getString("version"), rs.getString("choices"),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"));
    }
}
