package io.nuage.terraform.cty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sets are held as lists in one canonical order (by their text), so that two equal sets compare equal element by
 * element whatever order Terraform or the API gave them in.
 */
public final class Sets {

    private Sets() {
    }

    public static List<Object> sorted(List<Object> elements) {
        List<Object> out = new ArrayList<>(elements);
        out.sort(Comparator.comparing(String::valueOf));
        return out;
    }
}
