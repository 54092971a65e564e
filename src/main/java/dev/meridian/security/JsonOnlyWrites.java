package dev.meridian.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses state-changing API calls ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under
 * {@code /api/}) whose body is not JSON: 415 with the API's error shape.
 *
 * <p>This is what keeps another web site from changing anything through a visitor's browser (CSRF): an HTML
 * form or a "simple" cross-origin {@code fetch} can only send {@code text/plain}, form or multipart bodies (or
 * none), while a request with {@code Content-Type: application/json} from another origin needs a CORS preflight,
 * which Meridian never approves. It holds for every credential a browser attaches by itself (the session
 * cookie of a logged-in UI user, cached HTTP Basic), and also when security is disabled, where a page on the
 * internet could otherwise reach a Meridian on the visitor's own network. {@code POST}, {@code PUT} and
 * {@code PATCH} must name a JSON type; {@code DELETE} may omit the type (browsers preflight it anyway).
 */
final class JsonOnlyWrites extends OncePerRequestFilter {

    static final String MESSAGE = "state-changing API calls need Content-Type: application/json";
    private static final Set<String> NEEDS_JSON = Set.of("POST", "PUT", "PATCH");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") || !(NEEDS_JSON.contains(request.getMethod()) || "DELETE".equals(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean refused = contentType == null ? NEEDS_JSON.contains(request.getMethod()) : !isJson(contentType);
        if (refused) {
            ApiErrorResponses.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, MESSAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    /** {@code application/json} or any {@code application/*+json}, with or without parameters. */
    static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equalsIgnoreCase(type.getType())
                    && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase().endsWith("+json"));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
