package dev.deepfakeguard.keycloak.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The IT class needs the run's Keycloak started with the test-time face model ({@link FaceModel#serverOptions()}).
 * {@link KeycloakExtension} restarts the server with it before the class and without it before the next class that
 * does not ask for it: with a matcher loaded, every realm's reset and admin flows step up accounts without a face
 * reference, which other stories do not expect. Failsafe runs the classes in name order, so the face classes
 * (FaceReference*IT) cost one restart in and one out.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WithFaceModel {
}
