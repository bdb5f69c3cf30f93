package io.nuage.api;

import java.util.Map;

/** What every PATCH body carries besides its own fields: the name, which cannot change, and labels. */
interface PatchBody {

    String name();

    Map<String, String> labels();
}
