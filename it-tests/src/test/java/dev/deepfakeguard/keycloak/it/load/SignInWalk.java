package dev.deepfakeguard.keycloak.it.load;

import java.util.List;

/** One complete sign-in as a browser makes it, from the authorization request to the tokens, timed per step. */
interface SignInWalk {

    String USER_PREFIX = "load-";

    /** The steps {@link #signIn} times, in the order they happen. */
    List<String> steps();

    /**
     * @return whether the client received its tokens; an exception (e.g. an AssertionError naming the page the
     *         flow showed instead of the code redirect) counts as a failed sign-in and the first one is reported
     */
    boolean signIn(int client, StepTimes times);

    /** Every client signs in as its own user: Keycloak's brute-force detector refuses concurrent logins of one. */
    static String user(int client) {
        return USER_PREFIX + client;
    }
}
