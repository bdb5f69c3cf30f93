package io.nuage.compute;

import static io.nuage.api.TestApi.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.nuage.api.TestApi;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.reconciler.Cluster;
import io.nuage.support.Await;
import io.quarkus.test.junit.QuarkusTest;

/** SSH keys kept once per tenant, named by instances, and a changed key reaching the running guest's Secret. */
@QuarkusTest
class SshKeyTest {

    /** Public halves of two throw-away ed25519 keys, with what ssh-keygen -l prints for them. */
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKt9RyDpg3r3DJ62K2gG9GLHZiaqsaBtFRPTewMj38t9 alice@laptop";
    static final String KEY_FINGERPRINT = "SHA256:4rgFSJdnxvw0lC+CAO9gCSkR9oyihGzjUo8FV9UmJ0A";
    static final String NEW_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIElw/aS7ySyJ+0KcvU+7LOWxOunlHF6kVvZpYmlqFKBC alice@new-laptop";
    static final String NEW_KEY_FINGERPRINT = "SHA256:3dHUTxn1p+wJHKbyqnVtqdmbdyYkoe5romSdVvR1Oaw";

    @Inject
    Cluster cluster;

    @Test
    void aKeyIsKeptWithItsFingerprintAndListed() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("name", "alice", "public_key", "  " + KEY + "\n", "labels", Map.of("team", "ops")))
                .post("/v1/tenants/" + tenant + "/ssh-keys").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/tenants/" + tenant + "/ssh-keys/alice"))
                .body("public_key", equalTo(KEY)).body("fingerprint", equalTo(KEY_FINGERPRINT));
        admin().body(Map.of("name", "alice", "public_key", KEY)).post("/v1/tenants/" + tenant + "/ssh-keys").then()
                .statusCode(409).body("code", equalTo("already_exists"));
        admin().queryParam("label_selector", "team=ops").get("/v1/tenants/" + tenant + "/ssh-keys").then().statusCode(200)
                .body("items.name", contains("alice"));
        admin().queryParam("phase", "ready").get("/v1/tenants/" + tenant + "/ssh-keys").then().statusCode(400);
    }

    @Test
    void aMalformedKeyIsRefusedNamingWhatIsWrong() {
        String tenant = TestApi.createTenant();
        String path = "/v1/tenants/" + tenant + "/ssh-keys";
        admin().body(Map.of("name", "k", "public_key", "ssh-ed25519 not*base64")).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("public_key")).body("errors[0].message", equalTo("the key's second field is not base64"));
        // An RSA label on an ed25519 blob: the blob names its own type.
        admin().body(Map.of("name", "k", "public_key", KEY.replace("ssh-ed25519", "ssh-rsa"))).post(path).then().statusCode(400)
                .body("errors[0].message", equalTo("the key's data is not a ssh-rsa key"));
        admin().body(Map.of("name", "k", "public_key", "-----BEGIN OPENSSH PRIVATE KEY-----")).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("public_key"));
        // A second line would be a second authorized_keys entry, or options smuggled in.
        admin().body(Map.of("name", "k", "public_key", KEY + "\ncommand=\"sh\" " + NEW_KEY)).post(path).then().statusCode(400)
                .body("errors[0].message", equalTo("must be one line, without control characters"));
    }

    @Test
    void anInstanceNamesKeysAndAChangedKeyReachesItsGuestAgentSecret() {
        String tenant = TestApi.createTenant();
        admin().body(Map.of("name", "alice", "public_key", KEY)).post("/v1/tenants/" + tenant + "/ssh-keys").then().statusCode(201);
        Map<String, Object> body = Instances.body("web", 1, 512);
        body.put("ssh_key_names", List.of("alice"));
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201)
                .body("ssh_key_names", contains("alice"));
        Instances.awaitPhase(tenant, "web", "running");

        VirtualMachine vm = cluster.client().resources(VirtualMachine.class).inNamespace("nuage-" + tenant).withName("web").get();
        var credentials = vm.getSpec().template.spec.accessCredentials;
        assertEquals(2, credentials.size(), "at boot through cloud-init, then live through the guest agent");
        assertNotNull(credentials.get(0).sshPublicKey.propagationMethod.noCloud);
        assertEquals(List.of("cloud-user"), credentials.get(1).sshPublicKey.propagationMethod.qemuGuestAgent.users);
        assertEquals("web-ssh-agent", credentials.get(1).sshPublicKey.source.secret.secretName);
        assertEquals(List.of(KEY), keys(tenant, "web-ssh-agent"));

        admin().body(Map.of("public_key", NEW_KEY)).patch("/v1/tenants/" + tenant + "/ssh-keys/alice").then().statusCode(200)
                .body("fingerprint", equalTo(NEW_KEY_FINGERPRINT));
        Await.until(Duration.ofSeconds(30), "the new key in the guest agent's Secret",
                () -> List.of(NEW_KEY).equals(keys(tenant, "web-ssh-agent")));
        assertEquals(List.of(NEW_KEY), keys(tenant, "web-ssh"), "and for the next boot");
        assertEquals("running", Instances.get(tenant, "web").getString("status.phase"), "no restart");
    }

    @Test
    void unknownKeysAreRefusedAndAKeyInUseCannotBeDeleted() {
        String tenant = TestApi.createTenant();
        Map<String, Object> body = Instances.body("web", 1, 512);
        body.put("ssh_key_names", List.of("nobody"));
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(422)
                .body("code", equalTo("ssh_key_not_found")).body("errors[0].field", equalTo("ssh_key_names[0]"));
        admin().get("/v1/tenants/" + tenant + "/quota").then().statusCode(200).body("instances.used", equalTo(0));

        body.put("ssh_key_names", List.of("bob", "bob"));
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(400)
                .body("errors[0].field", equalTo("ssh_key_names"));

        admin().body(Map.of("name", "bob", "public_key", KEY)).post("/v1/tenants/" + tenant + "/ssh-keys").then().statusCode(201);
        body.put("ssh_key_names", List.of("bob"));
        admin().body(body).post("/v1/tenants/" + tenant + "/instances").then().statusCode(201);
        admin().delete("/v1/tenants/" + tenant + "/ssh-keys/bob").then().statusCode(409)
                .body("code", equalTo("ssh_key_in_use")).body("instances", contains("web"));
        admin().body(Map.of("ssh_key_names", List.of("nobody"))).patch("/v1/tenants/" + tenant + "/instances/web").then()
                .statusCode(422).body("code", equalTo("ssh_key_not_found"));

        admin().body(Map.of("ssh_key_names", List.of())).patch("/v1/tenants/" + tenant + "/instances/web").then().statusCode(200);
        admin().delete("/v1/tenants/" + tenant + "/ssh-keys/bob").then().statusCode(204);
        admin().get("/v1/tenants/" + tenant + "/ssh-keys/bob").then().statusCode(404);
    }

    private List<String> keys(String tenant, String secret) {
        Secret s = cluster.client().secrets().inNamespace("nuage-" + tenant).withName(secret).get();
        if (s == null) {
            return List.of();
        }
        return s.getData().values().stream().map(v -> new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)).toList();
    }
}
