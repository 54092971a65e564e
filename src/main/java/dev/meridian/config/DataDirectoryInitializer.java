package dev.meridian.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Creates {@code meridian.data-dir} before anything (the datasource above all) opens files in it.
 * Registered in {@code META-INF/spring.factories}.
 */
public class DataDirectoryInitializer implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dataDir = environment.getProperty("meridian.data-dir", "./data");
        try {
            Files.createDirectories(Path.of(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create meridian.data-dir " + dataDir, e);
        }
    }
}
