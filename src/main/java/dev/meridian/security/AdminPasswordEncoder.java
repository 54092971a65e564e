package dev.meridian.security;

import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Security's view of {@link AdminPassword#encode}: {@code sha256:<hex>}, compared in constant time.
 * Only for random or operator-chosen secrets that are never stored in plain elsewhere; see
 * {@link AdminPassword} for why a fast digest is the right cost here.
 */
final class AdminPasswordEncoder implements PasswordEncoder {

    @Override
    public String encode(CharSequence rawPassword) {
        return AdminPassword.encode(rawPassword.toString());
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        return Digests.same(encode(rawPassword).getBytes(StandardCharsets.US_ASCII),
                encodedPassword.getBytes(StandardCharsets.US_ASCII));
    }
}
