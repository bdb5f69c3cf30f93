package io.nuage.terraform.cty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Values to and from Terraform's MessagePack encoding, which the type drives: nil is null; an extension (type 0,
 * or 12 for an unknown with refinements, whose refinements are only hints) is unknown; numbers come as integers,
 * floats or decimal strings; an object is a map with every attribute of its type, null ones included.
 */
public final class MsgPack {

    private MsgPack() {
    }

    public static byte[] encode(Type type, Object value) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            write(packer, type, value);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Object decode(Type type, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            return read(unpacker, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(MessageBufferPacker packer, Type type, Object value) throws IOException {
        if (value == null) {
            packer.packNil();
        } else if (value == Unknown.VALUE) {
            packer.packExtensionTypeHeader((byte) 0, 1);
            packer.writePayload(new byte[] {0});
        } else if (type instanceof Type.Primitive p) {
            switch (p.name()) {
                case "string" -> packer.packString(value.toString());
                case "bool" -> packer.packBoolean((Boolean) value);
                default -> writeNumber(packer, (BigDecimal) value);
            }
        } else if (type instanceof Type.Collection c && c.kind() != Type.Collection.Kind.MAP) {
            List<?> list = (List<?>) value;
            packer.packArrayHeader(list.size());
            for (Object element : list) {
                write(packer, c.element(), element);
            }
        } else if (type instanceof Type.Collection c) {
            Map<?, ?> map = new TreeMap<>((Map<?, ?>) value);
            packer.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                packer.packString(e.getKey().toString());
                write(packer, c.element(), e.getValue());
            }
        } else {
            Map<String, Type> attributes = new TreeMap<>(((Type.Obj) type).attributes());
            Map<?, ?> object = (Map<?, ?>) value;
            packer.packMapHeader(attributes.size());
            for (Map.Entry<String, Type> a : attributes.entrySet()) {
                packer.packString(a.getKey());
                write(packer, a.getValue(), object.get(a.getKey()));
            }
        }
    }

    private static void writeNumber(MessageBufferPacker packer, BigDecimal number) throws IOException {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                && stripped.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
            packer.packLong(stripped.longValueExact());
        } else if (BigDecimal.valueOf(stripped.doubleValue()).compareTo(stripped) == 0) {
            packer.packDouble(stripped.doubleValue());
        } else {
            packer.packString(stripped.toPlainString());
        }
    }

    private static Object read(MessageUnpacker unpacker, Type type) throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        if (format.getValueType() == ValueType.NIL) {
            unpacker.unpackNil();
            return null;
        }
        if (format.getValueType() == ValueType.EXTENSION) {
            unpacker.readPayload(unpacker.unpackExtensionTypeHeader().getLength());
            return Unknown.VALUE;
        }
        if (type instanceof Type.Primitive p) {
            return switch (p.name()) {
                case "string" -> unpacker.unpackString();
                case "bool" -> unpacker.unpackBoolean();
                default -> readNumber(unpacker, format.getValueType());
            };
        }
        if (type instanceof Type.Collection c && c.kind() != Type.Collection.Kind.MAP) {
            int size = unpacker.unpackArrayHeader();
            List<Object> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(read(unpacker, c.element()));
            }
            return c.kind() == Type.Collection.Kind.SET ? Sets.sorted(list) : list;
        }
        int size = unpacker.unpackMapHeader();
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = unpacker.unpackString();
            Type element = type instanceof Type.Collection c ? c.element() : ((Type.Obj) type).attributes().get(key);
            if (element == null) {
                unpacker.skipValue();
            } else {
                map.put(key, read(unpacker, element));
            }
        }
        return map;
    }

    private static BigDecimal readNumber(MessageUnpacker unpacker, ValueType valueType) throws IOException {
        return switch (valueType) {
            case INTEGER -> new BigDecimal(unpacker.unpackBigInteger());
            case FLOAT -> BigDecimal.valueOf(unpacker.unpackDouble());
            default -> new BigDecimal(unpacker.unpackString());
        };
    }

    /** An integer value as Terraform holds numbers. */
    public static BigDecimal number(long value) {
        return new BigDecimal(BigInteger.valueOf(value));
    }
}
