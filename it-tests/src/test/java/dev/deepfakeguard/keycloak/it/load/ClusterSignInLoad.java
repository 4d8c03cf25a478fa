package dev.deepfakeguard.keycloak.it.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.deepfakeguard.keycloak.it.support.ClusterExtension;
import dev.deepfakeguard.keycloak.it.support.ClusterNode;
import dev.deepfakeguard.keycloak.it.support.KeycloakCluster;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;

/**
 * The load driver on the two-node cluster (docs/performance.md, "Sign-ins on two nodes"): stock password sign-in and
 * the full guard (http scorer answering at once), each against node A alone and against both nodes with client-side
 * round robin, in the same run at each concurrency in turn. CPU is that of both nodes' processes together. Not a
 * test: only {@code -Dit.test=ClusterSignInLoad} runs it; it writes {@code target/cluster-sign-in-load.md}.
 */
@ExtendWith(ClusterExtension.class)
class ClusterSignInLoad {

    static final String STOCK_ONE = "stock password, 1 node";
    static final String GUARD_ONE = "guard, http scorer, 1 node";
    static final String STOCK_TWO = "stock password, 2 nodes";
    static final String GUARD_TWO = "guard, http scorer, 2 nodes";

    @Test
    void measure(KeycloakCluster cluster) {
        LoadRun run = LoadRun.fromSystemProperties();
        int users = run.users();
        List<Long> pids = new ArrayList<>();
        cluster.nodes().forEach(node -> pids.addAll(node.pids()));
        ProcessCpu cpu = new ProcessCpu(pids);
        ClusterNode a = cluster.node(0);
        ClusterNode b = cluster.node(1);
        List<LoadPoint> points;
        try (ScorerStandIn scorer = new ScorerStandIn().live();
             ManagedRealm stock = cluster.admin(0).createRealm(LoadRealms.stock("load-stock", users));
             ManagedRealm http = cluster.admin(0).createRealm(LoadRealms.guarded("load-http", users,
                     scorer.url()))) {
            Map<String, SignInWalk> walks = new LinkedHashMap<>();
            walks.put(STOCK_ONE, new PasswordWalk(a.server(), stock.name()));
            walks.put(GUARD_ONE, new LivenessWalk(a.server(), http.name(), false));
            walks.put(STOCK_TWO, new RoundRobinWalk(List.of(new PasswordWalk(a.server(), stock.name()),
                    new PasswordWalk(b.server(), stock.name()))));
            walks.put(GUARD_TWO, new RoundRobinWalk(List.of(new LivenessWalk(a.server(), http.name(), false),
                    new LivenessWalk(b.server(), http.name(), false))));
            points = run.measure(walks, cpu, scorer);
        }
        StringBuilder report = new StringBuilder(LoadReport.header()).append('\n');
        points.forEach(p -> report.append(LoadReport.row(p)).append('\n'));
        report.append('\n').append(LoadReport.ratios(points.stream().filter(p -> p.scenario().endsWith("1 node"))
                .toList(), STOCK_ONE));
        report.append('\n').append(LoadReport.ratios(points.stream().filter(p -> p.scenario().endsWith("2 nodes"))
                .toList(), STOCK_TWO));
        report.append('\n').append(LoadReport.scaling(points, Map.of(STOCK_TWO, STOCK_ONE, GUARD_TWO, GUARD_ONE)));
        LoadReport.save(report, "cluster-sign-in-load.md");
    }
}
