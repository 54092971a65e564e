package dev.meridian.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link JsonOnlyWrites} for {@code /api/*}, whether or not security is enabled. */
@Configuration(proxyBeanMethods = false)
class ApiWriteProtection {

    @Bean
    FilterRegistrationBean<JsonOnlyWrites> jsonOnlyWrites() {
        FilterRegistrationBean<JsonOnlyWrites> registration = new FilterRegistrationBean<>(new JsonOnlyWrites());
        registration.addUrlPatterns("/api/*");
        // after Spring Security (order -100): a client without credentials hears 401 before 415
        registration.setOrder(0);
        return registration;
    }
}
