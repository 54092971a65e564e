package dev.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class DataDirectoryInitializerTest {

    @TempDir
    Path dir;

    @Test
    void postProcessEnvironment_createsTheDataDirectoryWithParents() {
        Path dataDir = dir.resolve("a/b/data");
        MockEnvironment environment = new MockEnvironment().withProperty("meridian.data-dir", dataDir.toString());

        new DataDirectoryInitializer().postProcessEnvironment(environment, new SpringApplication());

        assertThat(dataDir).isDirectory();
    }
}
