package dev.stablegan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTests {
    @Test
    void writesNestedValuesAndEscapesStrings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", 0.25);
        m.put("c", "q\"uote\n");
        m.put("d", List.of(true, 2.0));
        m.put("e", null);
        assertThat(Json.write(m)).isEqualTo("{\"a\":1,\"b\":0.25,\"c\":\"q\\\"uote\\n\",\"d\":[true,2.0],\"e\":null}");
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertThat(Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY))).isEqualTo("[null,null]");
    }
}
