package dev.crmsuite.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enum-like values of the core kinds. The client-java models accept any string where the API
 * server accepts only a few ({@code imagePullPolicy: Allways} would pass them), so these are checked
 * here, by field name, or for the many fields called {@code type}, by the field that holds them.
 */
final class EnumChecks {

    private static final Map<String, Set<String>> BY_FIELD = Map.ofEntries(
            Map.entry("imagePullPolicy", Set.of("Always", "IfNotPresent", "Never")),
            Map.entry("protocol", Set.of("TCP", "UDP", "SCTP")),
            Map.entry("restartPolicy", Set.of("Always", "OnFailure", "Never")),
            Map.entry("pathType", Set.of("Exact", "Prefix", "ImplementationSpecific")),
            Map.entry("whenUnsatisfiable", Set.of("DoNotSchedule", "ScheduleAnyway")),
            Map.entry("nodeAffinityPolicy", Set.of("Honor", "Ignore")),
            Map.entry("nodeTaintsPolicy", Set.of("Honor", "Ignore")),
            Map.entry("dnsPolicy", Set.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None")),
            Map.entry("unhealthyPodEvictionPolicy", Set.of("IfHealthyBudget", "AlwaysAllow")),
            Map.entry("policyTypes", Set.of("Ingress", "Egress")),
            Map.entry("operator", Set.of("In", "NotIn", "Exists", "DoesNotExist", "Equal", "Gt", "Lt")),
            Map.entry("sessionAffinity", Set.of("None", "ClientIP")),
            Map.entry("externalTrafficPolicy", Set.of("Cluster", "Local")),
            Map.entry("internalTrafficPolicy", Set.of("Cluster", "Local")),
            Map.entry("terminationMessagePolicy", Set.of("File", "FallbackToLogsOnError")),
            Map.entry("selectPolicy", Set.of("Max", "Min", "Disabled")),
            Map.entry("scheme", Set.of("HTTP", "HTTPS")),
            Map.entry("effect", Set.of("NoSchedule", "PreferNoSchedule", "NoExecute")),
            Map.entry("medium", Set.of("", "Memory", "HugePages")),
            Map.entry("drop", Set.of("ALL", "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF",
                    "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK",
                    "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN",
                    "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
                    "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE",
                    "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "SYSLOG", "WAKE_ALARM")));

    /** Allowed values of a field named {@code type}, by the name of the field holding its object. */
    private static final Map<String, Set<String>> TYPE_BY_PARENT = Map.ofEntries(
            Map.entry("seccompProfile", Set.of("RuntimeDefault", "Localhost", "Unconfined")),
            Map.entry("appArmorProfile", Set.of("RuntimeDefault", "Localhost", "Unconfined")),
            Map.entry("strategy", Set.of("RollingUpdate", "Recreate")),
            Map.entry("metrics", Set.of("Resource", "Pods", "Object", "External", "ContainerResource")),
            Map.entry("target", Set.of("Utilization", "Value", "AverageValue")),
            Map.entry("policies", Set.of("Pods", "Percent")));

    private static final Set<String> SERVICE_TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");

    private EnumChecks() {
    }

    static List<String> check(Manifest m) {
        List<String> out = new ArrayList<>();
        walk(m.json(), "", "", out);
        if (m.kind().equals("Service")) {
            String type = m.json().path("spec").path("type").asText("ClusterIP");
            if (!SERVICE_TYPES.contains(type)) {
                out.add("spec.type: \"" + type + "\" is not one of " + SERVICE_TYPES);
            }
        }
        if (m.kind().equals("Deployment")) {
            String restart = m.json().path("spec").path("template").path("spec").path("restartPolicy").asText("Always");
            if (!restart.equals("Always")) {
                out.add("spec.template.spec.restartPolicy: a Deployment's pods must use Always, not " + restart);
            }
        }
        return out;
    }

    /** Label and annotation maps, ConfigMap data and a Service's label selector: their keys are not API fields. */
    private static boolean isFreeForm(String name, JsonNode value) {
        if (!value.isObject()) {
            return false;
        }
        if (name.equals("selector")) {
            return !value.has("matchLabels") && !value.has("matchExpressions");
        }
        return Set.of("labels", "annotations", "data", "stringData", "binaryData", "matchLabels", "nodeSelector")
                .contains(name);
    }

    private static void walk(JsonNode node, String path, String parentField, List<String> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", parentField, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        node.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String here = path.isEmpty() ? name : path + "." + name;
            // Label and annotation maps (and ConfigMap data) are free-form: their keys are not API fields.
            if (isFreeForm(name, value)) {
                return;
            }
            Set<String> allowed = name.equals("type") ? TYPE_BY_PARENT.get(parentField) : BY_FIELD.get(name);
            if (allowed != null) {
                for (JsonNode v : value.isArray() ? value : List.of(value)) {
                    if (v.isValueNode() && !allowed.contains(v.asText())) {
                        out.add(here + ": \"" + v.asText() + "\" is not one of " + allowed);
                    }
                }
            }
            walk(value, here, name, out);
        });
    }
}
