package dev.meridian.ingest.otlp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The OTLP bearer tokens ({@code meridian.otlp.bearer-tokens}) and the check both receivers make.
 *
 * <p>Contract: with no tokens configured every request is allowed ({@link #required()} is false), so an SDK
 * with default settings works. Otherwise {@link #allows(String)} is true only for an {@code Authorization}
 * header of the form {@code Bearer <token>} (scheme case-insensitive) naming one of the tokens.
 *
 * <p>Why digests: the presented token and each configured one are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the bytes differ; comparing equal-length
 * digests also hides the length of the configured tokens, and every token is compared, so the time does not
 * tell which one (or whether any) nearly matched.
 */
final class BearerTokens {

    private static final String SCHEME = "bearer ";

    private final List<byte[]> digests;

    BearerTokens(List<String> tokens) {
        this.digests = tokens.stream().map(BearerTokens::digest).toList();
    }

    /** Whether requests must carry a token. */
    boolean required() {
        return !digests.isEmpty();
    }

    /** Whether a request with this {@code Authorization} header value (null when absent) may export. */
    boolean allows(String authorization) {
        if (!required()) {
            return true;
        }
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented = digest(authorization.substring(SCHEME.length()).trim());
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
