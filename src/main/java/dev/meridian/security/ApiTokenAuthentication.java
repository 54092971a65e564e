package dev.meridian.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A bearer token on its way through Spring Security: unauthenticated as presented by the client, then
 * authenticated (principal {@code api-token}, role {@code API}) once {@link ApiTokens} accepted it.
 * The token itself is dropped once checked.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    static final String PRINCIPAL = "api-token";

    private String token;

    private ApiTokenAuthentication(String token, boolean authenticated) {
        super(authenticated ? AuthorityUtils.createAuthorityList("ROLE_API") : List.of());
        this.token = token;
        setAuthenticated(authenticated);
    }

    static ApiTokenAuthentication presented(String token) {
        return new ApiTokenAuthentication(token, false);
    }

    static ApiTokenAuthentication accepted() {
        return new ApiTokenAuthentication(null, true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return PRINCIPAL;
    }

    @Override
    public void eraseCredentials() {
        token = null;
        super.eraseCredentials();
    }
}
