package dev.stablegan.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharVocabularyTests {
    @Test
    void symbolsAreOrderedByCountOfThePaddedLinesWithTheUnknownOneFirst() {
        // Padded to 4: "abca" and "b```": ` 3 times, a 2, b 2 (a before b: smaller code point), c 1.
        CharVocabulary v = CharVocabulary.of(List.of("abca", "b"), 4, 100);
        assertThat(v.size()).isEqualTo(5);
        assertThat(v.characters()).containsExactly((int) '`', (int) 'a', (int) 'b', (int) 'c');
        assertThat(v.encode("cab")).containsExactly(4, 2, 3, 1);
        assertThat(v.encode("abcabc")).containsExactly(2, 3, 4, 2);
        assertThat(v.encode("az")).containsExactly(2, CharVocabulary.UNKNOWN, 1, 1);
    }

    @Test
    void aSmallLimitMapsTheRarestSymbolsToUnknown() {
        CharVocabulary v = CharVocabulary.of(List.of("abca", "b"), 4, 3);
        assertThat(v.characters()).containsExactly((int) '`', (int) 'a');
        assertThat(v.encode("abc")).containsExactly(2, 0, 0, 1);
    }

    @Test
    void decodingWritesUnknownAsTheReplacementCharacterAndDropsTrailingPads() {
        CharVocabulary v = CharVocabulary.of(List.of("abca", "b"), 4, 100);
        assertThat(v.decode(new int[] {2, 1, 3, 1})).isEqualTo("a`b");
        assertThat(v.decode(new int[] {0, 4, 1, 1})).isEqualTo("\uFFFDc");
        assertThat(v.decode(v.encode("cab"))).isEqualTo("cab");
        assertThatThrownBy(() -> v.decode(new int[] {5})).hasMessageContaining("index: 5");
    }

    @Test
    void codePointsBeyondTheBasicPlaneAreOneSymbol() {
        CharVocabulary v = CharVocabulary.of(List.of("a\uD83D\uDE00"), 3, 10);
        assertThat(v.decode(v.encode("\uD83D\uDE00a"))).isEqualTo("\uD83D\uDE00a");
    }

    @Test
    void aSavedCharacterListRebuildsTheSameVocabulary() {
        CharVocabulary v = CharVocabulary.of(List.of("hello world", "held"), 8, 2048);
        CharVocabulary back = CharVocabulary.fromCharacters(8, v.characters());
        assertThat(back.encode("world")).containsExactly(v.encode("world"));
        assertThatThrownBy(() -> CharVocabulary.fromCharacters(8, List.of(97, 97))).hasMessageContaining("twice");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> CharVocabulary.of(List.of(), 4, 10)).hasMessageContaining("no lines");
        assertThatThrownBy(() -> CharVocabulary.of(List.of("a"), 0, 10)).hasMessageContaining("length");
        assertThatThrownBy(() -> CharVocabulary.of(List.of("a"), 4, 1)).hasMessageContaining("vocabulary size");
    }
}
