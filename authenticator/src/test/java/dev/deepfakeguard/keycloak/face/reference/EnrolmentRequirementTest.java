package dev.deepfakeguard.keycloak.face.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class EnrolmentRequirementTest {

    private final Map<String, GroupModel> groups = new HashMap<>();
    private final Map<String, RoleModel> roles = new HashMap<>();
    private final UserModel user = mock(UserModel.class);

    private GroupModel group(String path, GroupModel parent) {
        GroupModel group = mock(GroupModel.class);
        when(group.getId()).thenReturn("id" + path);
        when(group.getParent()).thenReturn(parent);
        groups.put(path, group);
        return group;
    }

    private RoleModel role(String name) {
        RoleModel role = mock(RoleModel.class);
        roles.put(name, role);
        return role;
    }

    private boolean applies(String groupList, String roleList) {
        Map<String, String> config = new HashMap<>();
        config.put(EnrolmentRequirement.GROUPS, groupList);
        config.put(EnrolmentRequirement.ROLES, roleList);
        return EnrolmentRequirement.from(config).appliesTo(user, groups::get, roles::get, "test");
    }

    @ParameterizedTest(name = "groups \"{0}\" are the paths {1}")
    @CsvSource(delimiter = '|', value = {
        "' staff , /ops/oncall ,, ' | /staff;/ops/oncall",
        "/a/b                       | /a/b",
    })
    void parsesCommaSeparatedGroupsAsPaths(String raw, String paths) {
        EnrolmentRequirement requirement = EnrolmentRequirement.from(Map.of(EnrolmentRequirement.GROUPS, raw));

        assertThat(requirement.groupPaths()).isEqualTo(List.of(paths.split(";")));
        assertThat(requirement.isEmpty()).isFalse();
    }

    @Test
    void noConfigRequiresNoOne() {
        assertThat(EnrolmentRequirement.from(null).isEmpty()).isTrue();
        assertThat(EnrolmentRequirement.from(Map.of()).appliesTo(user, groups::get, roles::get, "test")).isFalse();
    }

    @Test
    void requiresMembersOfTheGroup() {
        GroupModel staff = group("/staff", null);
        when(user.getGroupsStream()).thenAnswer(i -> Stream.of(staff));

        assertThat(applies("staff", "")).isTrue();
    }

    @Test
    void requiresMembersOfASubgroup() {
        GroupModel staff = group("/staff", null);
        GroupModel finance = group("/staff/finance", staff);
        when(user.getGroupsStream()).thenAnswer(i -> Stream.of(finance));

        assertThat(applies("/staff", "")).isTrue();
    }

    @Test
    void doesNotRequireMembersOfAParentOrSiblingGroup() {
        GroupModel staff = group("/staff", null);
        group("/staff/finance", staff);
        GroupModel sales = group("/staff/sales", staff);
        when(user.getGroupsStream()).thenAnswer(i -> Stream.of(staff, sales));

        assertThat(applies("/staff/finance", "")).isFalse();
    }

    @Test
    void requiresHoldersOfTheRole() {
        RoleModel admin = role("payments.approver");
        when(user.getGroupsStream()).thenAnswer(i -> Stream.empty());
        when(user.hasRole(admin)).thenReturn(true);

        assertThat(applies("", "payments.approver")).isTrue();
        assertThat(applies("", "other-role")).as("an unknown role matches no one").isFalse();
    }

    @Test
    void unknownGroupMatchesNoOne() {
        when(user.getGroupsStream()).thenAnswer(i -> Stream.of(group("/staff", null)));

        assertThat(applies("/no-such-group", "")).isFalse();
    }
}
