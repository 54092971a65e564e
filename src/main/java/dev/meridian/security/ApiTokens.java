package dev.meridian.security;

import java.util.List;

/**
 * The bearer tokens accepted on {@code /api/**}. Only their SHA-256 digests are kept; a presented token is
 * compared with every one of them in constant time, so neither timing nor an early exit tells an attacker
 * how close a guess was or which token it resembled.
 */
final class ApiTokens {

    private final List<byte[]> digests;

    ApiTokens(List<String> tokens) {
        this.digests = tokens.stream().map(Digests::sha256).toList();
    }

    /** Whether {@code presented} is one of the configured tokens; always false when none are configured. */
    boolean accepts(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] digest = Digests.sha256(presented);
        boolean match = false;
        for (byte[] known : digests) {
            match |= Digests.same(known, digest);
        }
        return match;
    }

    int count() {
        return digests.size();
    }

    @Override
    public String toString() {
        return "ApiTokens[" + digests.size() + " configured]";
    }
}
