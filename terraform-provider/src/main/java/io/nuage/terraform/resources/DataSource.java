package io.nuage.terraform.resources;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.nuage.terraform.api.NuageClient;
import io.nuage.terraform.schema.Attr;
import io.nuage.terraform.schema.Schema;

/** A data source: reads what its keys name. */
public interface DataSource {

    String typeName();

    Schema schema();

    Map<String, Object> read(NuageClient api, Map<String, Object> config);

    /** A resource's schema turned into a data source's: the keys required, everything else computed. */
    static Schema readOnly(Schema schema, Set<String> keys) {
        return new Schema(schema.attributes().stream().map(a -> keys.contains(a.name())
                ? new Attr(a.name(), a.declaredType(), Attr.Mode.REQUIRED, false, false, a.nesting(), a.nested(),
                        a.description())
                : computed(a)).toList(), List.of(), schema.description());
    }

    private static Attr computed(Attr a) {
        return new Attr(a.name(), a.declaredType(), Attr.Mode.COMPUTED, a.sensitive(), false, a.nesting(),
                a.nested().stream().map(DataSource::computed).toList(), a.description());
    }

    /** A data source that reads one resource of a kind by its keys. */
    static DataSource of(RestResource resource, Set<String> keys) {
        Schema schema = readOnly(resource.schema(), keys);
        return new DataSource() {
            @Override
            public String typeName() {
                return resource.typeName();
            }

            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public Map<String, Object> read(NuageClient api, Map<String, Object> config) {
                Map<String, Object> state = resource.read(api, config);
                if (state == null) {
                    throw new IllegalArgumentException(typeName() + " " + config.get("name") + " not found");
                }
                state.remove(Schema.TIMEOUTS);
                return state;
            }
        };
    }
}
