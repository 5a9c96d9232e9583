package io.coremonitor.testapps.hello;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The hello test application: {@code GET <context>/} and {@code <context>/version} answer {@code hello <version>},
 * {@code <context>/health} answers {@code ok}, anything else 404. The version is the context-param
 * {@value #VERSION_PARAM} of the WAR's (filtered) web.xml.
 */
public class HelloServlet extends HttpServlet {

    static final String VERSION_PARAM = "coremonitor.testapp.version";

    private static final long serialVersionUID = 1L;

    private String version;

    @Override
    public void init() throws ServletException {
        version = getServletContext().getInitParameter(VERSION_PARAM);
        if (version == null || version.isBlank()) {
            throw new ServletException("coremonitor test app: context-param " + VERSION_PARAM + " is missing");
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        switch (path) {
            case "":
            case "/":
            case "/version":
                text(response, "hello " + version);
                break;
            case "/health":
                text(response, "ok");
                break;
            default:
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                break;
        }
    }

    private static void text(HttpServletResponse response, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
