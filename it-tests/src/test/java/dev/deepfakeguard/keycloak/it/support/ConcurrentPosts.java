package dev.deepfakeguard.keycloak.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/** Posts one submission on each of many open liveness pages, all released at the same moment: a race on purpose. */
public final class ConcurrentPosts {

    private ConcurrentPosts() {
    }

    /**
     * Posts frames that follow each page's challenge (seeds {@code seedBase}, {@code seedBase + 1}, …) and returns
     * the answers in the order of the pages.
     */
    public static List<Page> postAllAtOnce(List<LivenessPage> pages, int seedBase) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(pages.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Page>> posts = new ArrayList<>();
            for (int i = 0; i < pages.size(); i++) {
                LivenessPage page = pages.get(i);
                Submission submission = Submission.of(page, SyntheticFrames.following(page.challenge(), seedBase + i));
                posts.add(() -> {
                    start.await();
                    return page.submitNow(submission).page();
                });
            }
            List<Future<Page>> futures = new ArrayList<>();
            posts.forEach(post -> futures.add(pool.submit(post)));
            start.countDown();
            List<Page> answers = new ArrayList<>();
            for (Future<Page> answer : futures) {
                answers.add(answer.get(3, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code count} sign-ins of the realm's test user on {@code server}, each waiting on its liveness page. */
    public static List<LivenessPage> openLiveness(KeycloakServer server, String realm, int count) {
        List<LivenessPage> pages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pages.add(new LoginDriver(server, realm).openLiveness());
        }
        return pages;
    }
}
