package dev.deepfakeguard.keycloak.it.browser;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One browser per test class, closed with the class. When a story fails, its screenshot and page source are saved
 * under target/it-artifacts before anything else can navigate away.
 */
final class BrowserExtension implements ParameterResolver, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            BrowserExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return browser(context);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            browser(context).saveArtifacts(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
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
