package dev.meridian.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminPasswordTest {

    @TempDir
    Path dataDir;

    final AdminPasswordEncoder encoder = new AdminPasswordEncoder();

    @Test
    void firstStart_generatesAPassword_keepsOnlyItsDigest_readableByTheOwnerAlone() throws Exception {
        AdminPassword first = AdminPassword.fromDataDirectory(dataDir, new SecureRandom());

        String password = first.takeGenerated().orElseThrow();
        assertThat(password).hasSize(24).matches("[A-Za-z0-9_-]+");
        Path file = dataDir.resolve(AdminPassword.FILE_NAME);
        assertThat(first.file()).contains(file);
        assertThat(Files.readString(file)).isEqualTo(first.encoded() + "\n").doesNotContain(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(encoder.matches(password, first.encoded())).isTrue();
        assertThat(dataDir.resolve(AdminPassword.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void generatedPassword_isHandedOutOnce() throws Exception {
        AdminPassword first = AdminPassword.fromDataDirectory(dataDir, new SecureRandom());

        assertThat(first.takeGenerated()).isPresent();
        assertThat(first.takeGenerated()).isEmpty();
    }

    @Test
    void laterStart_reusesTheStoredDigest_andGeneratesNothing() throws Exception {
        AdminPassword first = AdminPassword.fromDataDirectory(dataDir, new SecureRandom());
        String password = first.takeGenerated().orElseThrow();

        AdminPassword second = AdminPassword.fromDataDirectory(dataDir, new SecureRandom());

        assertThat(second.takeGenerated()).isEmpty();
        assertThat(second.encoded()).isEqualTo(first.encoded());
        assertThat(encoder.matches(password, second.encoded())).isTrue();
    }

    @Test
    void deletedFile_givesANewPassword() throws Exception {
        String first = AdminPassword.fromDataDirectory(dataDir, new SecureRandom()).takeGenerated().orElseThrow();
        Files.delete(dataDir.resolve(AdminPassword.FILE_NAME));

        String second = AdminPassword.fromDataDirectory(dataDir, new SecureRandom()).takeGenerated().orElseThrow();

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void damagedFile_failsTheStartWithWhatToDo() throws Exception {
        Files.writeString(dataDir.resolve(AdminPassword.FILE_NAME), "");

        assertThatThrownBy(() -> AdminPassword.fromDataDirectory(dataDir, new SecureRandom()))
                .hasMessageContaining("delete it and restart");
    }

    @Test
    void configuredPassword_touchesNoFile() {
        AdminPassword configured = AdminPassword.configured("s3cret");

        assertThat(configured.file()).isEmpty();
        assertThat(configured.takeGenerated()).isEmpty();
        assertThat(encoder.matches("s3cret", configured.encoded())).isTrue();
        assertThat(encoder.matches("s3cret ", configured.encoded())).isFalse();
        assertThat(dataDir).isEmptyDirectory();
    }
}
