package dev.deepfakeguard.keycloak.it.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.deepfakeguard.keycloak.it.support.ItSettings;

/**
 * One browser per test class, closed with the class. When a story fails, its screenshot, page source, console and
 * the Keycloak log lines written during the story are saved under target/it-artifacts before anything else can
 * navigate away.
 */
final class BrowserExtension implements ParameterResolver, BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            BrowserExtension.class);
    private static final String LOG_OFFSET = "keycloak-log-offset";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return browser(context);
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) throws IOException {
        Path log = ItSettings.keycloakLog();
        context.getStore(NAMESPACE).put(LOG_OFFSET, Files.exists(log) ? Files.size(log) : 0L);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        browser(context).saveArtifacts(name);
        saveServerLog(name, context.getStore(NAMESPACE).getOrDefault(LOG_OFFSET, Long.class, 0L));
    }

    /** The part of Keycloak's log written since the story started (none for an external server). */
    private static void saveServerLog(String name, long offset) {
        Path log = ItSettings.keycloakLog();
        if (!Files.exists(log)) {
            return;
        }
        Path target = ItSettings.artifactsDir().resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".keycloak.log");
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(offset, Files.size(log)));
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + log + " to " + target, e);
        }
    }

    private static Browser browser(ExtensionContext context) {
        ExtensionContext classContext = context.getTestMethod().isPresent()
                ? context.getParent().orElseThrow() : context;
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Browser.class, key -> new ClosingBrowser(Browser.start()), ClosingBrowser.class)
                .browser();
    }

    /** Lets JUnit close the browser when the class's store is closed. */
    private record ClosingBrowser(Browser browser) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            browser.close();
        }
    }
}
