package dev.meridian.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code meridian.security.enabled=false}: every endpoint open, as before access control existed. The one
 * filter chain matches no request, so Spring Security neither authenticates nor adds headers or CSRF checks;
 * the empty user store keeps Spring Boot from creating its default user and printing its password.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "meridian.security.enabled", havingValue = false)
class OpenAccessConfiguration {

    @Bean
    SecurityFilterChain openAccess(HttpSecurity http) throws Exception {
        return http.securityMatcher(request -> false).build();
    }

    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
