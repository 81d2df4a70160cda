package dev.crmsuite.platform.money;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstallationCurrencyTest {

    @Test
    void accepts_iso_codes_and_refuses_anything_else_at_start_up() {
        assertThat(new InstallationCurrency("CNY").code()).isEqualTo("CNY");
        assertThat(new InstallationCurrency("EUR").fractionDigits()).isEqualTo(2);
        assertThatThrownBy(() -> new InstallationCurrency("cny")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new InstallationCurrency("XYZ")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new InstallationCurrency("")).isInstanceOf(IllegalStateException.class);
    }
}
