package dev.meridian.ui;

import dev.meridian.ui.base.ViewTasks;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** For {@link ViewTest}: views run their queries on the test's thread, so results show when navigation returns. */
@TestConfiguration(proxyBeanMethods = false)
class DirectViewTasks {

    @Bean
    @Primary
    ViewTasks directViewTasks() {
        return ViewTasks.direct();
    }
}
