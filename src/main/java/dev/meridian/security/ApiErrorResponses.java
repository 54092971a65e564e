package dev.meridian.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * How {@code /api/**} answers a request it will not serve: the API's error shape ({@code {"error": "..."}},
 * as {@code dev.meridian.api.ApiErrors} writes it) with 401 or 403, never a redirect to the login page,
 * which an API client could not follow. The messages are fixed text: nothing from the request is echoed.
 */
final class ApiErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String CHALLENGE = "Bearer realm=\"meridian\"";
    static final String UNAUTHENTICATED = "authentication required: send Authorization: Bearer <token>"
            + " (meridian.security.api-tokens) or HTTP Basic as admin";
    static final String BAD_CREDENTIALS = "invalid credentials";

    /** 401 with a challenge; "invalid credentials" when some were sent, else how to authenticate. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        boolean sentCredentials = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        write(response, HttpServletResponse.SC_UNAUTHORIZED, sentCredentials ? BAD_CREDENTIALS : UNAUTHENTICATED);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, "access denied");
    }

    /** Writes {@code {"error": message}}; {@code message} must be fixed text without quotes or backslashes. */
    static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + message + "\"}");
    }
}
