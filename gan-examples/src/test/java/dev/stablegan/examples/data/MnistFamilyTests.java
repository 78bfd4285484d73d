package dev.stablegan.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The installed datasets by name. */
class MnistFamilyTests {
    @Test
    void datasetNamesAreCheckedByOption() {
        assertThat(MnistFamily.byName(" Fashion-MNIST ")).isEqualTo(MnistFamily.FASHION_MNIST);
        assertThatThrownBy(() -> MnistFamily.byName("cifar")).hasMessageContaining("--dataset").hasMessageContaining("mnist, fashion-mnist");
    }
}
