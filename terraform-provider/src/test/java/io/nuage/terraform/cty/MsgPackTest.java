package io.nuage.terraform.cty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MsgPackTest {

    private static final Type.Obj TYPE = Type.object(List.of(
            new AbstractMap.SimpleEntry<>("name", Type.STRING),
            new AbstractMap.SimpleEntry<>("vcpus", Type.NUMBER),
            new AbstractMap.SimpleEntry<>("running", Type.BOOL),
            new AbstractMap.SimpleEntry<>("volumes", Type.set(Type.STRING)),
            new AbstractMap.SimpleEntry<>("labels", Type.map(Type.STRING))));

    @Test
    void nullUnknownAndKnownValuesSurviveARoundTrip() {
        Map<String, Object> value = new HashMap<>();
        value.put("name", "web-1");
        value.put("vcpus", Unknown.VALUE);
        value.put("running", null);
        value.put("volumes", List.of("data"));
        value.put("labels", Map.of("app", "web"));
        Object back = MsgPack.decode(TYPE, MsgPack.encode(TYPE, value));
        assertEquals(value, back);
    }

    @Test
    void anObjectCarriesEveryAttributeOfItsTypeAndAbsentOnesAreNull() {
        // fixmap of 5, keys in name order, every value nil but name
        Map<String, Object> back = cast(MsgPack.decode(TYPE, MsgPack.encode(TYPE, Map.of("name", "x"))));
        assertEquals(5, back.size());
        assertNull(back.get("labels"));
        assertEquals((byte) 0x85, MsgPack.encode(TYPE, Map.of("name", "x"))[0]);
    }

    @Test
    void anUnknownIsAnExtensionAndARefinedUnknownIsReadAsUnknown() {
        assertArrayEquals(new byte[] {(byte) 0xd4, 0, 0}, MsgPack.encode(Type.STRING, Unknown.VALUE));
        // Terraform's unknown with refinements: extension type 12 carrying a map of refinements (here: not null).
        byte[] refined = {(byte) 0xc7, 3, 12, (byte) 0x81, 1, (byte) 0xc2};
        assertEquals(Unknown.VALUE, MsgPack.decode(Type.STRING, refined));
    }

    @Test
    void numbersComeAsIntegersFloatsOrDecimalStrings() {
        assertEquals(0, new BigDecimal("4").compareTo((BigDecimal) MsgPack.decode(Type.NUMBER, new byte[] {4})));
        assertEquals(0, new BigDecimal("99.95").compareTo(
                (BigDecimal) MsgPack.decode(Type.NUMBER, MsgPack.encode(Type.NUMBER, new BigDecimal("99.95")))));
        BigDecimal huge = new BigDecimal("123456789012345678901234567890.5");
        assertEquals(0, huge.compareTo((BigDecimal) MsgPack.decode(Type.NUMBER, MsgPack.encode(Type.NUMBER, huge))));
        assertArrayEquals(new byte[] {16}, MsgPack.encode(Type.NUMBER, new BigDecimal("16.000")));
    }

    @Test
    void setsAreHeldInOneOrderWhateverOrderTheyCameIn() {
        Type set = Type.set(Type.STRING);
        assertEquals(List.of("a", "b"), MsgPack.decode(set, MsgPack.encode(set, List.of("b", "a"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
