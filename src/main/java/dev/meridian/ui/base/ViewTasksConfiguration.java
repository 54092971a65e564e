package dev.meridian.ui.base;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The production {@link ViewTasks}. Its executor is deliberately not a bean of its own: an
 * {@code Executor} bean would replace Spring Boot's application task executor.
 */
@Configuration(proxyBeanMethods = false)
class ViewTasksConfiguration {

    @Bean
    ViewTasks viewTasks() {
        return ViewTasks.virtualThreads();
    }
}
