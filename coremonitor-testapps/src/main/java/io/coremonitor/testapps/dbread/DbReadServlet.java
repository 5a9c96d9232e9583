package io.coremonitor.testapps.dbread;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The dbread test application: {@code GET <context>/health} answers {@code ok}; {@code GET <context>/} connects to
 * PostgreSQL as the catalog's application component tells a servlet container (the environment variables
 * {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD_FILE}, the file holding the password) and answers one line
 * {@code row <name>} per row of {@code SELECT name FROM fruit ORDER BY name}, or 500 with the reason (never the
 * password). The PostgreSQL driver is in the WAR's {@code WEB-INF/lib}; it is used directly, not through
 * {@code DriverManager}, which does not see a web application's drivers.
 */
public class DbReadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/health")) {
            text(response, 200, "ok\n");
            return;
        }
        String url = System.getenv("DB_URL");
        String user = System.getenv("DB_USER");
        String passwordFile = System.getenv("DB_PASSWORD_FILE");
        if (url == null || user == null || passwordFile == null) {
            text(response, 500, "DB_URL, DB_USER and DB_PASSWORD_FILE must be set\n");
            return;
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip());
        StringBuilder out = new StringBuilder();
        try (Connection db = new org.postgresql.Driver().connect(url, props);
                Statement st = db.createStatement();
                ResultSet rows = st.executeQuery("SELECT name FROM fruit ORDER BY name")) {
            while (rows.next()) {
                out.append("row ").append(rows.getString(1)).append('\n');
            }
        } catch (SQLException e) {
            text(response, 500, "database: " + e.getMessage() + "\n");
            return;
        }
        text(response, 200, out.toString());
    }

    private static void text(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }
}
