package io.nuage.terraform.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nuage.terraform.api.ApiException;
import io.nuage.terraform.proto.Tfplugin6;
import io.nuage.terraform.resources.InstanceResource;

class DiagnosticsTest {

    private static ApiException problem(int status, String json) throws Exception {
        return new ApiException(status, new ObjectMapper().readTree(json));
    }

    @Test
    void aFieldErrorPointsAtTheAttributeWithTheProblemsCodeAndDetail() throws Exception {
        List<Tfplugin6.Diagnostic> out = Diagnostics.of(problem(409, """
                {"type":"about:blank","title":"Conflict","status":409,"code":"ip_in_use","detail":"10.0.1.10 is taken",
                 "errors":[{"field":"networks[0].ip","message":"already in use"}]}"""),
                new InstanceResource().schema());
        assertEquals(1, out.size());
        Tfplugin6.Diagnostic d = out.get(0);
        assertEquals(Tfplugin6.Diagnostic.Severity.ERROR, d.getSeverity());
        assertTrue(d.getSummary().contains("ip_in_use"), d.getSummary());
        assertTrue(d.getDetail().contains("already in use") && d.getDetail().contains("10.0.1.10 is taken"));
        List<Tfplugin6.AttributePath.Step> steps = d.getAttribute().getStepsList();
        assertEquals("networks", steps.get(0).getAttributeName());
        assertEquals(0, steps.get(1).getElementKeyInt());
        assertEquals("ip", steps.get(2).getAttributeName());
    }

    @Test
    void aQuotaRefusalNamesTheLimitThatIsAnAttribute() throws Exception {
        List<Tfplugin6.Diagnostic> out = Diagnostics.of(problem(422, """
                {"type":"about:blank","title":"Unprocessable","status":422,"code":"quota_exceeded",
                 "detail":"over quota","exceeded":["vcpus","instances"]}"""), new InstanceResource().schema());
        assertEquals(2, out.size());
        assertEquals("vcpus", out.get(0).getAttribute().getSteps(0).getAttributeName());
        assertFalse(out.get(1).hasAttribute(), "instances is no attribute of an instance");
        assertTrue(out.get(1).getSummary().contains("quota_exceeded"));
    }

    @Test
    void anErrorThatIsNoProblemKeepsItsMessage() {
        List<Tfplugin6.Diagnostic> out = Diagnostics.of(new IllegalStateException("unreachable"),
                new InstanceResource().schema());
        assertEquals("unreachable", out.get(0).getSummary());
    }
}
