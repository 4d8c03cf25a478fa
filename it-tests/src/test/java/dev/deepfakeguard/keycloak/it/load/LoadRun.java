package dev.deepfakeguard.keycloak.it.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;

/**
 * The settings of a load run ({@code dfg.load.clients}, {@code dfg.load.seconds}, {@code dfg.load.warmUpSeconds})
 * and the run itself: every walk warmed up, then each concurrency in turn, every walk at it, one row printed per point.
 */
record LoadRun(int[] concurrency, Duration point, Duration warmUp) {

    static LoadRun fromSystemProperties() {
        return new LoadRun(Arrays.stream(System.getProperty("dfg.load.clients", "1,4,16,32").split(","))
                .mapToInt(c -> Integer.parseInt(c.trim())).toArray(),
                Duration.ofSeconds(Long.getLong("dfg.load.seconds", 20)),
                Duration.ofSeconds(Long.getLong("dfg.load.warmUpSeconds", 15)));
    }

    /** One user per client of the highest concurrency. */
    int users() {
        return Arrays.stream(concurrency).max().orElse(1);
    }

    List<LoadPoint> measure(Map<String, SignInWalk> walks, ProcessCpu cpu, ScorerStandIn scorer) {
        walks.forEach((name, walk) -> LoadPoint.run(name, walk, Math.min(4, users()), warmUp, cpu));
        List<LoadPoint> points = new ArrayList<>();
        System.out.println(LoadReport.header());
        for (int clients : concurrency) {
            for (Map.Entry<String, SignInWalk> walk : walks.entrySet()) {
                LoadPoint measured = LoadPoint.run(walk.getKey(), walk.getValue(), clients, point, cpu);
                scorer.drainRequests(); // the stand-in keeps every request until it is read
                points.add(measured);
                System.out.println(LoadReport.row(measured));
                if (measured.firstFailure() != null) {
                    String why = String.valueOf(measured.firstFailure());
                    System.out.println("  first failure: " + why.substring(0, Math.min(why.length(), 2000)));
                }
            }
        }
        return points;
    }
}
