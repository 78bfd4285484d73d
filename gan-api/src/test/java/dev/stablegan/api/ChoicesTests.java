package dev.stablegan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one lookup of the enums of named choices. */
class ChoicesTests {
    @Test
    void aNameFindsItsConstantWhateverItsCaseAndBlanksAndAnUnknownOneListsTheChoices() {
        assertThat(Choices.ids(ImageArchitecture.class, ImageArchitecture::id)).isEqualTo(ImageArchitecture.names())
                .contains(ImageArchitecture.DCGAN.id());
        assertThat(Choices.byId(ImageArchitecture.class, ImageArchitecture::id, "  " + ImageArchitecture.DCGAN.id().toUpperCase() + " ",
                "unknown architecture")).isEqualTo(ImageArchitecture.DCGAN);
        assertThatThrownBy(() -> ImageArchitecture.byName("vgg")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown architecture 'vgg'; expected one of " + String.join(", ", ImageArchitecture.names()));
        assertThatThrownBy(() -> ImageArchitecture.byName(null)).hasMessageContaining("'null'");
    }
}
