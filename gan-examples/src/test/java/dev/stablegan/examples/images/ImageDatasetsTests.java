package dev.stablegan.examples.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stablegan.data.images.ImageDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image sets by name: the installed emoji folder, unknown names and sizes. */
class ImageDatasetsTests {
    @TempDir
    Path dir;

    private final StringWriter logText = new StringWriter();
    private final PrintWriter log = new PrintWriter(logText, true);

    @Test
    void anInstalledEmojiFolderIsReadWithoutFetchingAgain() throws IOException {
        Path cached = Files.createDirectories(dir.resolve(EmojiImages.FOLDER));
        for (String name : new String[] {"1f600.png", "1f601.png"}) {
            ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB), "png", cached.resolve(name).toFile());
        }
        Files.writeString(cached.resolve(".complete"), "test\n");
        ImageDataset emoji = ImageDatasets.open(EmojiImages.ID, 16, dir, log);
        assertThat(emoji.size()).isEqualTo(2);
        assertThat(emoji.image(1)).containsOnly((byte) -1); // transparent onto white
        assertThat(logText.toString()).doesNotContain("installing");
    }

    @Test
    void unknownDatasetsAndSizesAreNamed() {
        assertThatThrownBy(() -> ImageDatasets.open("lsun-bedrooms", 32, dir, log)).hasMessageContaining("'lsun-bedrooms'");
        assertThatThrownBy(() -> ImageDatasets.open("emoji", 4, dir, log)).hasMessageContaining("size");
    }
}
