package dev.meridian.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750; the scheme name in any case). Any other request
 * yields nothing, so HTTP Basic or the session gets its turn.
 */
final class BearerTokenConverter implements AuthenticationConverter {

    private static final String SCHEME = "Bearer ";

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        return ApiTokenAuthentication.presented(header.substring(SCHEME.length()).trim());
    }
}
