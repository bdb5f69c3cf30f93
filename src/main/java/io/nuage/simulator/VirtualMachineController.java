package io.nuage.simulator;

import static io.nuage.simulator.Untyped.list;
import static io.nuage.simulator.Untyped.map;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * Does to VirtualMachines and VirtualMachineInstances, in every namespace, what KubeVirt's controllers would: starts
 * an instance for a VM whose runStrategy is Always, walks it through Pending, Scheduled and Running with an IP from
 * the pod network, stops it when the VM is Halted, restarts it when it is deleted or crashes, and removes it with its
 * VM. The VMI's progress is kept in memory: the simulator is the only writer of it, and the informer cache may lag
 * behind its own writes.
 */
final class VirtualMachineController implements AutoCloseable {

    static final String CRASH_ANNOTATION = "sim.nuage.io/crash";

    private static final String RUNNING = "Running";
    /** Nodes per region. */
    private static final int NODE_COUNT = 3;
    private static final String REGION_LABEL = "topology.kubernetes.io/region";
    private static final int WORKER_COUNT = 4;

    private final KubernetesClient client;
    private final SimulatorSettings settings;
    private final IpAllocator ips;
    private final TemplateDataVolumes dataVolumes;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final AtomicInteger nextNode = new AtomicInteger();
    private final KeyedWorkQueue queue;
    private static final java.time.Duration RESYNC = java.time.Duration.ofSeconds(2);
    /** How often a VM whose DataVolumes are not populated yet is looked at again. */
    private static final java.time.Duration DISKS_POLL = java.time.Duration.ofMillis(200);

    private SharedIndexInformer<GenericKubernetesResource> vmInformer;
    private SharedIndexInformer<GenericKubernetesResource> vmiInformer;

    VirtualMachineController(KubernetesClient client, SimulatorSettings settings) {
        this.client = client;
        this.settings = settings;
        this.ips = new IpAllocator(Ipv4Cidr.parse(settings.podCidr()));
        this.dataVolumes = new TemplateDataVolumes(client);
        this.queue = new KeyedWorkQueue("nuage-sim-kubevirt", WORKER_COUNT, this::reconcile);
    }

    /** Starts watching; returns once both caches hold the cluster's current objects. */
    void start() {
        vmiInformer = vmis().inAnyNamespace().inform(new InstanceDeletions());
        // Every VM is looked at again every RESYNC, as KubeVirt's controllers resync: a change
        // missed in a burst delays a VM by seconds instead of leaving it behind for good.
        vmInformer = vms().inAnyNamespace().inform(new EveryChange(), RESYNC.toMillis());
    }

    /**
     * Marks the VM to crash, as {@code kubectl annotate vm NAME sim.nuage.io/crash=true} would: "true"
     * stays Failed for the start delay, an ISO-8601 duration ({@code PT2M}) that long.
     */
    void crash(String namespace, String name, Duration failedFor) {
        vms().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"" + CRASH_ANNOTATION + "\":\"" + (failedFor == null ? "true" : failedFor) + "\"}}}");
    }

    @Override
    public void close() {
        queue.close();
        if (vmInformer != null) {
            vmInformer.close();
        }
        if (vmiInformer != null) {
            vmiInformer.close();
        }
    }

    private void reconcile(String key) {
        GenericKubernetesResource vm = vmInformer.getStore().getByKey(key);
        Instance instance = instances.get(key);
        if (instance != null && instance.gone) {
            forget(key, instance);
            instance = null;
        }
        if (vm == null) {
            if (instance != null) {
                deleteInstance(key, instance);
            } else {
                // Kubernetes' garbage collector deletes an instance whose VM is gone. One this controller lost track of
                // (its create answered after the VM's deletion, in a mass delete) would otherwise run on for ever.
                vmis().inNamespace(key.substring(0, key.indexOf('/'))).withName(key.substring(key.indexOf('/') + 1)).delete();
            }
            dataVolumes.deleteOwnedBy(key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1));
            return;
        }
        if (hasCrashAnnotation(vm)) {
            // The cache may predate our own removal of the annotation: only the server's copy is trusted.
            vm = vms().inNamespace(vm.getMetadata().getNamespace()).withName(vm.getMetadata().getName()).get();
            if (vm == null) {
                queue.add(key);
                return;
            }
        }
        instance = handleCrash(key, vm, instance);
        boolean disksReady = dataVolumes.ready(vm);
        if (!disksReady) {
            queue.addAfter(key, DISKS_POLL);
        }
        switch (runStrategy(vm)) {
            case "Always" -> instance = instance != null || disksReady ? run(key, vm, instance) : null;
            case "Halted" -> instance = halt(key, instance);
            default -> {
                // Manual and other strategies: KubeVirt neither starts nor stops the instance by itself.
            }
        }
        writeVmStatus(vm, instance, !disksReady);
    }

    private Instance handleCrash(String key, GenericKubernetesResource vm, Instance instance) {
        boolean crashRequested = hasCrashAnnotation(vm);
        if (instance == null) {
            if (crashRequested) {
                removeCrashAnnotation(vm);
            }
            return null;
        }
        if (crashRequested && !instance.phase.equals("Failed")) {
            instance.enter("Failed");
            writeVmiStatus(instance);
        }
        if (!instance.phase.equals("Failed")) {
            return instance;
        }
        Duration failedFor = crashRequested ? crashDuration(vm) : settings.startDelay();
        Duration left = instance.remaining(failedFor.compareTo(settings.startDelay()) > 0 ? failedFor : settings.startDelay());
        if (!left.isZero()) {
            queue.addAfter(key, left);
            return instance;
        }
        // Back-off over: KubeVirt replaces a failed instance of an Always VM with a fresh one.
        if (crashRequested) {
            removeCrashAnnotation(vm);
        }
        deleteInstance(key, instance);
        return null;
    }

    private Instance run(String key, GenericKubernetesResource vm, Instance instance) {
        boolean changed = false;
        if (instance == null) {
            instance = createInstance(key, vm);
            changed = true;
        }
        instance.stoppingSince = null;
        if (instance.phase.equals("Pending") && instance.remaining(settings.provisionDelay()).isZero()) {
            instance.nodeName = schedule(vm);
            if (instance.nodeName != null) {
                instance.enter("Scheduled");
                changed = true;
            }
        }
        if (instance.phase.equals("Scheduled") && instance.remaining(settings.startDelay()).isZero()) {
            instance.ip = ips.allocate(instance.uid);
            instance.enter(RUNNING);
            changed = true;
        }
        if (instance.phase.equals(RUNNING) && hotplug(vm, instance)) {
            changed = true;
        }
        if (instance.phase.equals(RUNNING) && !instance.agentConnected && instance.remaining(settings.agentDelay()).isZero()) {
            instance.agentConnected = true;
            changed = true;
        }
        if (changed) {
            writeVmiStatus(instance);
        }
        switch (instance.phase) {
            // Unschedulable (no node in its region) it waits, as a pod does, until the VM changes or is looked at again.
            case "Pending" -> queue.addAfter(key, instance.nodeName == null && instance.remaining(settings.provisionDelay()).isZero()
                    ? RESYNC : instance.remaining(settings.provisionDelay()));
            case "Scheduled" -> queue.addAfter(key, instance.remaining(settings.startDelay()));
            case RUNNING -> {
                if (!instance.agentConnected) {
                    queue.addAfter(key, instance.remaining(settings.agentDelay()));
                }
            }
            default -> {
                // Failed: nothing is due.
            }
        }
        return instance;
    }

    /**
     * A node for the VM's instance, as the scheduler would pick one: among the nodes of the regions its required node
     * affinity on topology.kubernetes.io/region allows (every node without one), in turn; null when none fits.
     */
    private String schedule(GenericKubernetesResource vm) {
        Map<String, Object> template = map(map(vm.getAdditionalProperties().get("spec")).get("template"));
        Map<String, Object> required = map(map(map(map(template.get("spec")).get("affinity")).get("nodeAffinity"))
                .get("requiredDuringSchedulingIgnoredDuringExecution"));
        List<?> terms = list(required.get("nodeSelectorTerms"));
        List<String> regions = new ArrayList<>(terms.isEmpty() ? settings.nodeRegions() : List.of());
        for (Object term : terms) { // terms are ORed, the expressions of one ANDed
            List<String> fit = new ArrayList<>(settings.nodeRegions());
            for (Object expression : list(map(term).get("matchExpressions"))) {
                Map<String, Object> e = map(expression);
                if (REGION_LABEL.equals(e.get("key")) && "In".equals(e.get("operator"))) {
                    fit.retainAll(list(e.get("values")));
                }
            }
            fit.stream().filter(r -> !regions.contains(r)).forEach(regions::add);
        }
        if (regions.isEmpty()) {
            return null;
        }
        int n = Math.floorMod(nextNode.getAndIncrement(), regions.size() * NODE_COUNT);
        return regions.get(n / NODE_COUNT) + "-node-" + (n % NODE_COUNT + 1);
    }

    /**
     * Hot-plugs into the running guest the VM's hotpluggable DataVolume volumes it lacks, and unplugs the
     * hot-plugged ones the VM no longer has, as KubeVirt's declarative hotplug does. Other volume changes wait for
     * the next start. Returns whether the guest's volumes changed.
     */
    private static boolean hotplug(GenericKubernetesResource vm, Instance instance) {
        Set<String> wanted = new LinkedHashSet<>();
        Map<String, Object> template = map(map(vm.getAdditionalProperties().get("spec")).get("template"));
        for (Object volume : list(map(template.get("spec")).get("volumes"))) {
            Map<String, Object> v = map(volume);
            if (Boolean.TRUE.equals(map(v.get("dataVolume")).get("hotpluggable"))) {
                wanted.add((String) v.get("name"));
            }
        }
        boolean changed = false;
        for (String name : wanted) {
            if (instance.volumes.add(name)) {
                instance.hotplugged.add(name);
                changed = true;
            }
        }
        for (String name : List.copyOf(instance.hotplugged)) {
            if (!wanted.contains(name)) {
                instance.hotplugged.remove(name);
                instance.volumes.remove(name);
                changed = true;
            }
        }
        return changed;
    }

    private Instance halt(String key, Instance instance) {
        if (instance == null) {
            return null;
        }
        if (instance.stoppingSince == null) {
            instance.stoppingSince = System.nanoTime();
        }
        Duration left = settings.stopDelay().minusNanos(System.nanoTime() - instance.stoppingSince);
        if (left.isNegative() || left.isZero()) {
            deleteInstance(key, instance);
            return null;
        }
        queue.addAfter(key, left);
        return instance;
    }

    /**
     * The VMI's spec: the template's, with the CPU and memory of the VM's cluster instance type filled in, as KubeVirt
     * expands it (its default topology puts every vCPU on a socket of its own).
     */
    private Map<String, Object> withInstancetype(GenericKubernetesResource vm, Map<String, Object> templateSpec) {
        Map<String, Object> spec = new LinkedHashMap<>(templateSpec);
        Map<String, Object> matcher = map(map(vm.getAdditionalProperties().get("spec")).get("instancetype"));
        if (!(matcher.get("name") instanceof String typeName)) {
            return spec;
        }
        GenericKubernetesResource type = client.genericKubernetesResources(KubeVirtKinds.CLUSTER_INSTANCETYPE).withName(typeName).get();
        if (type == null) {
            return spec;
        }
        Map<String, Object> typeSpec = map(type.getAdditionalProperties().get("spec"));
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("sockets", map(typeSpec.get("cpu")).get("guest"));
        cpu.put("cores", 1);
        cpu.put("threads", 1);
        if (Boolean.TRUE.equals(map(typeSpec.get("cpu")).get("dedicatedCPUPlacement"))) {
            cpu.put("dedicatedCpuPlacement", true);
        }
        Map<String, Object> domain = new LinkedHashMap<>(map(spec.get("domain")));
        domain.put("cpu", cpu);
        domain.put("memory", Map.of("guest", map(typeSpec.get("memory")).get("guest")));
        spec.put("domain", domain);
        return spec;
    }

    private Instance createInstance(String key, GenericKubernetesResource vm) {
        String name = vm.getMetadata().getName();
        Map<String, Object> template = map(map(vm.getAdditionalProperties().get("spec")).get("template"));
        Map<String, Object> templateMetadata = map(template.get("metadata"));
        GenericKubernetesResource vmi = new GenericKubernetesResource();
        vmi.setApiVersion(KubeVirtKinds.API_VERSION);
        vmi.setKind(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE.getKind());
        vmi.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(vm.getMetadata().getNamespace())
                .withLabels(stringMap(templateMetadata.get("labels")))
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(KubeVirtKinds.API_VERSION)
                        .withKind(KubeVirtKinds.VIRTUAL_MACHINE.getKind())
                        .withName(name)
                        .withUid(vm.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .build());
        vmi.setAdditionalProperty("spec", withInstancetype(vm, map(template.get("spec"))));
        GenericKubernetesResource created = vmis().inNamespace(vm.getMetadata().getNamespace()).resource(vmi).create();
        Instance instance = new Instance(vm.getMetadata().getNamespace(), name, created.getMetadata().getUid());
        for (Object volume : list(map(template.get("spec")).get("volumes"))) {
            Map<String, Object> v = map(volume);
            instance.volumes.add((String) v.get("name"));
            if (Boolean.TRUE.equals(map(v.get("dataVolume")).get("hotpluggable"))) {
                instance.hotplugged.add((String) v.get("name"));
            }
        }
        instances.put(key, instance);
        return instance;
    }

    private void deleteInstance(String key, Instance instance) {
        vmis().inNamespace(instance.namespace).withName(instance.name).delete();
        forget(key, instance);
    }

    private void forget(String key, Instance instance) {
        instances.remove(key, instance);
        ips.release(instance.uid);
    }

    private void removeCrashAnnotation(GenericKubernetesResource vm) {
        vms().inNamespace(vm.getMetadata().getNamespace()).withName(vm.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/metadata/annotations/"
                        + CRASH_ANNOTATION.replace("~", "~0").replace("/", "~1") + "\"}]");
    }

    private void writeVmiStatus(Instance instance) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", instance.phase);
        if (instance.nodeName != null) {
            status.put("nodeName", instance.nodeName);
        }
        if (instance.ip != null) {
            Map<String, Object> iface = new LinkedHashMap<>();
            iface.put("name", "default");
            iface.put("ipAddress", instance.ip);
            iface.put("ipAddresses", List.of(instance.ip));
            status.put("interfaces", List.of(iface));
        }
        boolean ready = instance.phase.equals(RUNNING);
        if (ready) {
            List<Map<String, Object>> volumes = new ArrayList<>();
            int disk = 0;
            for (String name : instance.volumes) {
                boolean hot = instance.hotplugged.contains(name);
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("name", name);
                v.put("target", (hot ? "sd" : "vd") + (char) ('a' + disk++ % 26));
                v.put("phase", "Ready");
                if (hot) {
                    v.put("hotplugVolume", Map.of());
                }
                volumes.add(v);
            }
            status.put("volumeStatus", volumes);
        }
        List<Map<String, Object>> conditions = new ArrayList<>();
        conditions.add(condition(ready, instance.phase, ready ? "the instance is running" : "the instance is " + instance.phase,
                instance.phaseTime));
        if (ready && instance.agentConnected) {
            // As virt-handler reports it once the guest's QEMU agent answers on its channel.
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("type", "AgentConnected");
            agent.put("status", "True");
            agent.put("lastTransitionTime", timestamp(Instant.now()));
            conditions.add(agent);
        }
        status.put("conditions", conditions);
        Untyped.patchStatus(client, KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE, instance.namespace, instance.name, status);
    }

    private void writeVmStatus(GenericKubernetesResource vm, Instance instance) {
        writeVmStatus(vm, instance, false);
    }

    /** {@code disksPending}: its DataVolumes are not populated yet, so a VM with no instance is Provisioning, not Stopped. */
    private void writeVmStatus(GenericKubernetesResource vm, Instance instance, boolean disksPending) {
        String printableStatus = instance == null && disksPending && "Always".equals(runStrategy(vm)) ? "Provisioning"
                : printableStatus(instance);
        boolean ready = printableStatus.equals(RUNNING);
        Map<String, Object> current = map(vm.getAdditionalProperties().get("status"));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("printableStatus", printableStatus);
        status.put("ready", ready);
        status.put("created", instance != null);
        status.put("conditions", List.of(condition(ready, printableStatus,
                ready ? "the virtual machine is running" : "the virtual machine is " + printableStatus,
                readySince(current, ready))));
        if (status.equals(current)) {
            return;
        }
        Untyped.patchStatus(client, KubeVirtKinds.VIRTUAL_MACHINE, vm.getMetadata().getNamespace(), vm.getMetadata().getName(),
                status);
    }

    private static String printableStatus(Instance instance) {
        if (instance == null) {
            return "Stopped";
        }
        if (instance.stoppingSince != null) {
            return "Stopping";
        }
        return switch (instance.phase) {
            case "Pending" -> "Provisioning";
            case "Scheduled" -> "Starting";
            case "Failed" -> "CrashLoopBackOff";
            default -> RUNNING;
        };
    }

    /** Keeps the Ready condition's transition time while its status does not change. */
    private static String readySince(Map<String, Object> currentStatus, boolean ready) {
        Object conditions = currentStatus.get("conditions");
        if (conditions instanceof List<?> list) {
            for (Object element : list) {
                Map<String, Object> condition = map(element);
                if ("Ready".equals(condition.get("type")) && (ready ? "True" : "False").equals(condition.get("status"))
                        && condition.get("lastTransitionTime") instanceof String since) {
                    return since;
                }
            }
        }
        return timestamp(Instant.now());
    }

    private static Map<String, Object> condition(boolean ready, String reason, String message, String since) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Ready");
        condition.put("status", ready ? "True" : "False");
        condition.put("reason", reason);
        condition.put("message", message);
        condition.put("lastTransitionTime", since);
        return condition;
    }


    private static String runStrategy(GenericKubernetesResource vm) {
        Map<String, Object> spec = map(vm.getAdditionalProperties().get("spec"));
        if (spec.get("runStrategy") instanceof String strategy) {
            return strategy;
        }
        // The deprecated spec.running boolean predates runStrategy.
        return Boolean.TRUE.equals(spec.get("running")) ? "Always" : "Halted";
    }

    private static boolean hasCrashAnnotation(GenericKubernetesResource vm) {
        return crashAnnotation(vm) != null;
    }

    private static String crashAnnotation(GenericKubernetesResource vm) {
        Map<String, String> annotations = vm.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(CRASH_ANNOTATION);
    }

    private Duration crashDuration(GenericKubernetesResource vm) {
        String value = crashAnnotation(vm);
        try {
            return value == null || "true".equals(value) ? settings.startDelay() : Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return settings.startDelay();
        }
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }



    private static Map<String, String> stringMap(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        map(value).forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return strings.isEmpty() ? null : strings;
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> vms() {
        return client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE);
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> vmis() {
        return client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE);
    }

    /** Progress of the one instance a VM has, as the simulated KubeVirt drives it. */
    private static final class Instance {
        final String namespace;
        final String name;
        final String uid;
        String phase = "Pending";
        long phaseSince = System.nanoTime();
        String phaseTime = timestamp(Instant.now());
        String nodeName;
        String ip;
        Long stoppingSince;
        /** The guest agent has connected since the guest entered Running. */
        boolean agentConnected;
        /** The volumes the guest has, in order: those it booted with, then hot-plugged ones. */
        final Set<String> volumes = new LinkedHashSet<>();
        final Set<String> hotplugged = new LinkedHashSet<>();
        /** Set by the informer thread when someone else deleted this instance, e.g. to restart it. */
        volatile boolean gone;

        Instance(String namespace, String name, String uid) {
            this.namespace = namespace;
            this.name = name;
            this.uid = uid;
        }

        void enter(String newPhase) {
            phase = newPhase;
            phaseSince = System.nanoTime();
            phaseTime = timestamp(Instant.now());
        }

        Duration remaining(Duration delay) {
            Duration left = delay.minusNanos(System.nanoTime() - phaseSince);
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    /** Any change to a VM is a reason to look at it again. */
    private final class EveryChange implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource vm) {
            queue.add(Cache.metaNamespaceKeyFunc(vm));
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource vm) {
            queue.add(Cache.metaNamespaceKeyFunc(vm));
        }

        @Override
        public void onDelete(GenericKubernetesResource vm, boolean finalStateUnknown) {
            queue.add(Cache.metaNamespaceKeyFunc(vm));
        }
    }

    /** An instance deleted behind the simulator's back (a restart) must be replaced: its VM is looked at again. */
    private final class InstanceDeletions implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource vmi) {
            // Instances are created by this controller; their creation needs no reaction.
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource vmi) {
            // Status is written by this controller; nothing else changes an instance.
        }

        @Override
        public void onDelete(GenericKubernetesResource vmi, boolean finalStateUnknown) {
            String key = Cache.metaNamespaceKeyFunc(vmi);
            Instance instance = instances.get(key);
            if (instance != null && instance.uid.equals(vmi.getMetadata().getUid())) {
                instance.gone = true;
                queue.add(key);
            }
        }
    }
}
