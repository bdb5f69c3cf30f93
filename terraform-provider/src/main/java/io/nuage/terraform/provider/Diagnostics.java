package io.nuage.terraform.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.nuage.terraform.api.ApiException;
import io.nuage.terraform.proto.Tfplugin6;
import io.nuage.terraform.schema.Schema;

/**
 * Errors as Terraform diagnostics. A problem+json answer keeps its stable {@code code} and {@code detail}; each
 * field it names ({@code errors[].field}, or a quota's {@code exceeded} limit) that is an attribute of the resource
 * becomes the diagnostic's attribute path, so Terraform points at the line of the configuration.
 */
public final class Diagnostics {

    private static final Pattern STEP = Pattern.compile("([a-z_][a-z0-9_]*)|\\[(\\d+)\\]");

    private Diagnostics() {
    }

    public static Tfplugin6.Diagnostic error(String summary, String detail) {
        return Tfplugin6.Diagnostic.newBuilder().setSeverity(Tfplugin6.Diagnostic.Severity.ERROR).setSummary(summary)
                .setDetail(detail == null ? "" : detail).build();
    }

    public static Tfplugin6.Diagnostic error(String summary, String detail, String attribute) {
        return error(summary, detail).toBuilder().setAttribute(path(attribute)).build();
    }

    public static List<Tfplugin6.Diagnostic> of(Throwable e, Schema schema) {
        if (!(e instanceof ApiException problem)) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return List.of(error(message, ""));
        }
        String summary = problem.title() + " (" + problem.code() + ")";
        List<Tfplugin6.Diagnostic> out = new ArrayList<>();
        for (ApiException.FieldError field : problem.errors()) {
            String detail = (field.field() == null ? "" : field.field() + ": ") + field.message()
                    + (problem.detail().isEmpty() ? "" : "\n" + problem.detail());
            out.add(attribute(schema, field.field()) ? error(summary, detail, field.field()) : error(summary, detail));
        }
        for (String limit : problem.exceeded()) {
            String detail = problem.detail() + "\nquota exceeded: " + limit;
            out.add(attribute(schema, limit) ? error(summary, detail, limit) : error(summary, detail));
        }
        if (out.isEmpty()) {
            out.add(error(summary, problem.detail()));
        }
        return out;
    }

    private static boolean attribute(Schema schema, String field) {
        if (field == null) {
            return false;
        }
        Matcher m = STEP.matcher(field);
        return m.lookingAt() && m.group(1) != null && schema.attribute(m.group(1)).isPresent();
    }

    /** {@code networks[0].ip} as Terraform's path: attribute, element index, attribute. */
    static Tfplugin6.AttributePath path(String field) {
        Tfplugin6.AttributePath.Builder path = Tfplugin6.AttributePath.newBuilder();
        Matcher m = STEP.matcher(field);
        while (m.find()) {
            path.addSteps(m.group(1) != null
                    ? Tfplugin6.AttributePath.Step.newBuilder().setAttributeName(m.group(1))
                    : Tfplugin6.AttributePath.Step.newBuilder().setElementKeyInt(Long.parseLong(m.group(2))));
        }
        return path.build();
    }
}
