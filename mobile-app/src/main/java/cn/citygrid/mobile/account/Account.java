package cn.citygrid.mobile.account;

import java.util.List;

/** Who signed in ({@code GET /api/v1/me}). */
public record Account(long id, String username, String displayName, List<String> roles, List<String> scope) {
    public Account {
        roles = List.copyOf(roles);
        scope = List.copyOf(scope);
    }

    public boolean isWorker() {
        return roles.contains("GRID_WORKER");
    }

    public boolean isCitizen() {
        return roles.contains("CITIZEN");
    }
}
