package dev.meridian.security;

import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access control settings ({@code meridian.security.*}).
 *
 * @param enabled       require a login for the UI and {@code /api/**} (true); false keeps every endpoint open,
 *                      for local use and tests
 * @param adminPassword the password of the {@code admin} user; when blank one is generated at the first start,
 *                      kept (as a digest) in {@code <data-dir>/admin-password} and printed once in the log
 * @param apiTokens     bearer tokens accepted on {@code /api/**} (comma-separated); blanks are ignored
 */
@ConfigurationProperties("meridian.security")
record SecurityProperties(@DefaultValue("true") boolean enabled,
                          String adminPassword,
                          @DefaultValue List<String> apiTokens) {

    SecurityProperties {
        adminPassword = adminPassword == null || adminPassword.isBlank() ? null : adminPassword;
        apiTokens = apiTokens.stream().filter(Objects::nonNull).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}
