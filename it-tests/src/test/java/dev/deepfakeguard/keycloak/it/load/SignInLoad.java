package dev.deepfakeguard.keycloak.it.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakJvm;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;

/**
 * The load driver (docs/performance.md, "Sign-ins under load"): stock password sign-in beside the guarded ones on
 * the same Keycloak process in the same run, at each concurrency in turn. Not a test: its name matches neither
 * Surefire's nor Failsafe's patterns, so only {@code -Dit.test=SignInLoad} runs it, through Failsafe, which starts
 * the server as for the ITs. It prints the tables and writes them to {@code target/sign-in-load.md}.
 */
@ExtendWith(KeycloakExtension.class)
class SignInLoad {

    private static final String STOCK = "stock password";

    @Test
    void measure(KeycloakServer server, AdminClient admin) {
        int[] concurrency = Arrays.stream(System.getProperty("dfg.load.clients", "1,4,16,32").split(","))
                .mapToInt(c -> Integer.parseInt(c.trim())).toArray();
        Duration point = Duration.ofSeconds(Long.getLong("dfg.load.seconds", 20));
        Duration warmUp = Duration.ofSeconds(Long.getLong("dfg.load.warmUpSeconds", 15));
        int users = Arrays.stream(concurrency).max().orElse(1);
        ProcessCpu cpu = new ProcessCpu(KeycloakJvm.pid());
        List<LoadPoint> points = new ArrayList<>();
        try (ScorerStandIn scorer = new ScorerStandIn().live();
             ManagedRealm stock = admin.createRealm(LoadRealms.stock("load-stock", users));
             ManagedRealm http = admin.createRealm(LoadRealms.guarded("load-http", users, scorer.url()));
             ManagedRealm embedded = admin.createRealm(LoadRealms.guarded("load-embedded", users, null))) {
            Map<String, SignInWalk> walks = new LinkedHashMap<>();
            walks.put(STOCK, new PasswordWalk(server, stock.name()));
            walks.put("guard, http scorer", new LivenessWalk(server, http.name(), false));
            walks.put("guard, embedded scorer", new LivenessWalk(server, embedded.name(), true));
            walks.forEach((name, walk) -> LoadPoint.run(name, walk, Math.min(4, users), warmUp, cpu));
            System.out.println(LoadReport.header());
            for (int clients : concurrency) {
                for (Map.Entry<String, SignInWalk> walk : walks.entrySet()) {
                    LoadPoint measured = LoadPoint.run(walk.getKey(), walk.getValue(), clients, point, cpu);
                    scorer.drainRequests();
                    points.add(measured);
                    System.out.println(LoadReport.row(measured));
                    if (measured.firstFailure() != null) {
                        String why = String.valueOf(measured.firstFailure());
                        System.out.println("  first failure: " + why.substring(0, Math.min(why.length(), 2000)));
                    }
                }
            }
        }
        write(points);
    }

    private static void write(List<LoadPoint> points) {
        StringBuilder report = new StringBuilder(LoadReport.header()).append('\n');
        points.forEach(p -> report.append(LoadReport.row(p)).append('\n'));
        report.append('\n').append(LoadReport.ratios(points, STOCK));
        System.out.println(report);
        try {
            Files.writeString(Path.of("target/sign-in-load.md"), report);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write target/sign-in-load.md", e);
        }
    }
}
