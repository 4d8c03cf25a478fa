package dev.deepfakeguard.keycloak.it.load;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client-side round robin over the nodes of a cluster: each sign-in goes, whole, to the next node in turn, as a load
 * balancer with sticky sessions would send it.
 */
final class RoundRobinWalk implements SignInWalk {

    private final List<SignInWalk> perNode;
    private final AtomicInteger next = new AtomicInteger();

    RoundRobinWalk(List<SignInWalk> perNode) {
        this.perNode = List.copyOf(perNode);
    }

    @Override
    public List<String> steps() {
        return perNode.get(0).steps();
    }

    @Override
    public boolean signIn(int client, StepTimes times) {
        return perNode.get(Math.floorMod(next.getAndIncrement(), perNode.size())).signIn(client, times);
    }
}
