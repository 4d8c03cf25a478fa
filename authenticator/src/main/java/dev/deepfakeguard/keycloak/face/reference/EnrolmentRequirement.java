package dev.deepfakeguard.keycloak.face.reference;

import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who must enrol a face reference: members of the configured groups (or of their subgroups) and holders of the
 * configured roles (directly, by group or by composite), from the enrolment action's config. The action is then put
 * on such an account that has no reference, and offered in its next sign-in that passes the liveness check and a
 * second factor — the same rule as every enrolment, so membership alone never enrols anyone.
 */
public record EnrolmentRequirement(List<String> groupPaths, List<String> roles) {

    public static final String GROUPS = "dfg.enrol.requiredForGroups";
    public static final String ROLES = "dfg.enrol.requiredForRoles";
    private static final Logger LOG = Logger.getLogger(EnrolmentRequirement.class);

    public EnrolmentRequirement {
        groupPaths = List.copyOf(groupPaths);
        roles = List.copyOf(roles);
    }

    static final EnrolmentRequirement NONE = new EnrolmentRequirement(List.of(), List.of());

    /** Comma-separated lists; a group given by name alone is the top-level group of that name. */
    public static EnrolmentRequirement from(Map<String, String> config) {
        if (config == null) {
            return NONE;
        }
        List<String> groups = split(config.get(GROUPS)).stream()
                .map(group -> group.startsWith("/") ? group : "/" + group).toList();
        return new EnrolmentRequirement(groups, split(config.get(ROLES)));
    }

    /** The requirement of {@code realm}: the config of its enabled enrolment action, if any. */
    public static EnrolmentRequirement of(RealmModel realm) {
        Optional<RequiredActionProviderModel> action = realm.getRequiredActionProvidersStream()
                .filter(model -> EnrolFaceReferenceActionFactory.PROVIDER_ID.equals(model.getProviderId()))
                .filter(RequiredActionProviderModel::isEnabled)
                .findFirst();
        if (action.isEmpty()) {
            return NONE;
        }
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(action.get().getAlias());
        return config == null ? NONE : from(config.getConfig());
    }

    public boolean isEmpty() {
        return groupPaths.isEmpty() && roles.isEmpty();
    }

    /** Whether {@code user} is one who must enrol. A group or role that does not exist matches no one (logged). */
    public boolean appliesTo(KeycloakSession session, RealmModel realm, UserModel user) {
        return appliesTo(user, path -> KeycloakModelUtils.findGroupByPath(session, realm, path),
                name -> KeycloakModelUtils.getRoleFromString(session, realm, name), realm.getName());
    }

    /** The same with the realm's lookups given: the seam for unit tests. */
    boolean appliesTo(UserModel user, Function<String, GroupModel> groups, Function<String, RoleModel> roleNamed,
                      String realmName) {
        for (String path : groupPaths) {
            GroupModel group = groups.apply(path);
            if (group == null) {
                LOG.warnf("Deepfake Guard enrolment: group %s named in %s does not exist in realm %s", path, GROUPS,
                        realmName);
            } else if (user.getGroupsStream().anyMatch(own -> within(own, group))) {
                return true;
            }
        }
        for (String name : roles) {
            RoleModel role = roleNamed.apply(name);
            if (role == null) {
                LOG.warnf("Deepfake Guard enrolment: role %s named in %s does not exist in realm %s", name, ROLES,
                        realmName);
            } else if (user.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** Membership of a subgroup is membership of its parents, as for Keycloak's group roles. */
    private static boolean within(GroupModel own, GroupModel group) {
        for (GroupModel current = own; current != null; current = current.getParent()) {
            if (current.getId().equals(group.getId())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> split(String raw) {
        return raw == null ? List.of() : Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    /** The settings of the enrolment action (Authentication → Required actions → ⚙). */
    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(GROUPS).label("Required for groups")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated group paths (e.g. /staff/finance; a bare name is a top-level group). "
                        + "Members, also of subgroups, who have no face reference get this action and are offered "
                        + "the enrolment in their next sign-in that passes the liveness check and a second factor.")
                .add()
                .property().name(ROLES).label("Required for roles")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated roles: realm roles by name, client roles as clientId.role. Holders "
                        + "(directly, by group or by composite) are treated like members of the groups above.")
                .add()
                .build();
    }
}
