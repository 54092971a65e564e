package dev.meridian.security;

import com.vaadin.flow.spring.security.NavigationAccessControlConfigurer;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Access control when {@code meridian.security.enabled} is true (the default). Two filter chains:
 * <ul>
 *   <li>{@code /api/**} (and {@code /jaeger/**}, the Jaeger-compatible query API to come): a bearer token from {@code meridian.security.api-tokens}, HTTP Basic as {@code admin},
 *   or the session of a logged-in UI user. Never a redirect and never a new session: a request without valid
 *   credentials gets a JSON 401. Spring's CSRF token is off here: API clients cannot fetch one, and
 *   {@link JsonOnlyWrites} already keeps writes from being sent cross-site.</li>
 *   <li>everything else: Vaadin's own set-up ({@link VaadinSecurityConfigurer}: form login at {@link LoginView},
 *   logout, CSRF for non-Vaadin requests, the request cache) with {@code /actuator/health} left open. Views are
 *   checked by path against the same rules (any logged-in user may open any view), so no view class needs an
 *   access annotation.</li>
 * </ul>
 * One user, {@code admin}, with the password of {@link AdminPassword}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "meridian.security.enabled", matchIfMissing = true)
class SecurityConfiguration {

    static final String ADMIN = "admin";

    @Bean
    AdminPassword adminPassword(SecurityProperties properties, Environment environment) throws IOException {
        if (properties.adminPassword() != null) {
            return AdminPassword.configured(properties.adminPassword());
        }
        Path dataDir = Path.of(environment.getProperty("meridian.data-dir", "./data"));
        return AdminPassword.fromDataDirectory(dataDir, new SecureRandom());
    }

    @Bean
    static PasswordEncoder adminPasswordEncoder() {
        return new AdminPasswordEncoder();
    }

    @Bean
    UserDetailsService users(AdminPassword adminPassword) {
        return new InMemoryUserDetailsManager(User.withUsername(ADMIN).password(adminPassword.encoded())
                .roles("ADMIN").build());
    }

    @Bean
    AdminPasswordAnnouncement adminPasswordAnnouncement(AdminPassword adminPassword, Environment environment) {
        return new AdminPasswordAnnouncement(adminPassword, environment);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties,
                                    ObjectProvider<SecurityContextHolderStrategy> contextHolder) throws Exception {
        ApiErrorResponses errors = new ApiErrorResponses();
        AuthenticationFilter bearer = new AuthenticationFilter(
                new ProviderManager(new ApiTokenAuthenticationProvider(new ApiTokens(properties.apiTokens()))),
                new BearerTokenConverter());
        // success: carry on with the request (the default handler would redirect); failure: the JSON 401
        bearer.setSuccessHandler((request, response, authentication) -> { });
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(errors));
        // the holder the other filters of the chain read (Vaadin provides its own), not the static default
        bearer.setSecurityContextHolderStrategy(contextHolder.getIfAvailable(SecurityContextHolder::getContextHolderStrategy));
        return http.securityMatcher("/api/**", "/jaeger/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(errors))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll());
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
    }

    /** Views are allowed by the URL rules above instead of per-class annotations. */
    @Bean
    static NavigationAccessControlConfigurer navigationAccessControlConfigurer() {
        return new NavigationAccessControlConfigurer().withRoutePathAccessChecker().withLoginView(LoginView.class);
    }
}
