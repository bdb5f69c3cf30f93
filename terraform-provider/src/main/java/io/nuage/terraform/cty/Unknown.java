package io.nuage.terraform.cty;

/**
 * A value not known until apply. Values are plain Java objects ({@code null}, String, BigDecimal, Boolean, List for
 * lists and sets, Map for maps and objects); this one marker stands for "unknown" at any place and of any type.
 */
public enum Unknown {
    VALUE;

    @Override
    public String toString() {
        return "(known after apply)";
    }
}
