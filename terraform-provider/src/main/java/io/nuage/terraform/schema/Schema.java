package io.nuage.terraform.schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;

import io.nuage.terraform.cty.Type;
import io.nuage.terraform.proto.Tfplugin6;

/**
 * The schema of the provider, a resource or a data source: attributes, and at most the {@code timeouts} block
 * (a single nested block, as Terraform users write it).
 */
public record Schema(List<Attr> attributes, List<Attr> timeouts, String description) {

    public static final String TIMEOUTS = "timeouts";

    public Type.Obj type() {
        List<Map.Entry<String, Type>> entries = new ArrayList<>();
        attributes.forEach(a -> entries.add(new AbstractMap.SimpleEntry<>(a.name(), a.type())));
        if (!timeouts.isEmpty()) {
            entries.add(new AbstractMap.SimpleEntry<>(TIMEOUTS, timeoutsType()));
        }
        return Type.object(entries);
    }

    public Type timeoutsType() {
        return Type.object(timeouts.stream()
                .map(a -> (Map.Entry<String, Type>) new AbstractMap.SimpleEntry<>(a.name(), a.type())).toList());
    }

    public Optional<Attr> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Tfplugin6.Schema toProto() {
        Tfplugin6.Schema.Block.Builder block = Tfplugin6.Schema.Block.newBuilder().setDescription(description);
        attributes.forEach(a -> block.addAttributes(attribute(a)));
        if (!timeouts.isEmpty()) {
            Tfplugin6.Schema.Block.Builder inner = Tfplugin6.Schema.Block.newBuilder();
            timeouts.forEach(a -> inner.addAttributes(attribute(a)));
            block.addBlockTypes(Tfplugin6.Schema.NestedBlock.newBuilder().setTypeName(TIMEOUTS).setBlock(inner)
                    .setNesting(Tfplugin6.Schema.NestedBlock.NestingMode.SINGLE));
        }
        return Tfplugin6.Schema.newBuilder().setBlock(block).build();
    }

    private static Tfplugin6.Schema.Attribute attribute(Attr a) {
        Tfplugin6.Schema.Attribute.Builder b = Tfplugin6.Schema.Attribute.newBuilder().setName(a.name())
                .setDescription(a.description() == null ? "" : a.description())
                .setRequired(a.mode() == Attr.Mode.REQUIRED)
                .setOptional(a.mode() == Attr.Mode.OPTIONAL || a.mode() == Attr.Mode.OPTIONAL_COMPUTED)
                .setComputed(a.computed()).setSensitive(a.sensitive());
        if (a.nesting() == Attr.Nesting.NONE) {
            b.setType(ByteString.copyFrom(a.type().json(), StandardCharsets.UTF_8));
        } else {
            Tfplugin6.Schema.Object.Builder object = Tfplugin6.Schema.Object.newBuilder()
                    .setNesting(a.nesting() == Attr.Nesting.SINGLE ? Tfplugin6.Schema.Object.NestingMode.SINGLE
                            : Tfplugin6.Schema.Object.NestingMode.LIST);
            a.nested().forEach(n -> object.addAttributes(attribute(n)));
            b.setNestedType(object);
        }
        return b.build();
    }
}
