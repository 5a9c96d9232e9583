package io.coremonitor.server.internal;

import java.util.Optional;

/**
 * The answer of {@code GET /api/v1/session}: what this server asks of a client, and whether the credential sent with
 * this very request is accepted. Never a 401: a client (the console's sign-in) asks here before it calls anything else.
 *
 * @param authentication {@code none} (every route is open) or {@code token} (a bearer token)
 * @param authenticated  whether this request may call the protected routes (always true with {@code none})
 * @param reason         why not, when not: no credential given, or the token is not valid
 */
public record SessionView(String authentication, boolean authenticated, Optional<String> reason) {
}
