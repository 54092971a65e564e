/**
 * Access control ({@code meridian.security.*}): who may read telemetry and change dashboards.
 *
 * <p>With {@code meridian.security.enabled=true} (the default) the UI asks for a login (Vaadin's login view,
 * Spring Security's form login, session cookie) and {@code /api/**} wants {@code Authorization: Bearer <token>}
 * with a token from {@code meridian.security.api-tokens}, HTTP Basic as {@code admin}, or the session of a
 * logged-in UI user; failures there are a JSON 401, never a redirect. {@code /actuator/health} stays open.
 * State-changing API calls must carry a JSON body, so no HTML form or "simple" cross-site request can make
 * one (see {@link dev.meridian.security.JsonOnlyWrites}). The OTLP receivers are not servlet endpoints and
 * are not covered here.
 */
package dev.meridian.security;
