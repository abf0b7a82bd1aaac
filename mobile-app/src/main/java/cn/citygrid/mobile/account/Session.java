package cn.citygrid.mobile.account;

import cn.citygrid.mobile.api.ApiClient;
import cn.citygrid.mobile.api.JsonView;
import cn.citygrid.sync.client.transport.TokenSource;
import cn.citygrid.sync.protocol.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A signed-in account's tokens ({@code POST /api/v1/auth/login}, {@code /refresh}), handed to the sync engine as
 * its {@link TokenSource}. Every new refresh token is passed to {@code onRefreshToken} so the app can keep it
 * sealed for the next start. Blocking methods: call them off the FX thread. Thread-safe.
 */
public final class Session implements TokenSource {
    private final ApiClient api;
    private volatile Consumer<String> onRefreshToken;
    private String access;
    private String refresh;
    private Account account;

    private Session(ApiClient api, Consumer<String> onRefreshToken) {
        this.api = api;
        this.onRefreshToken = onRefreshToken;
    }

    /** Signs in with a password; throws {@code ApiException} (refused) or {@code OfflineException}. */
    public static Session signIn(ApiClient api, String username, String password, Consumer<String> onRefreshToken) {
        Session s = new Session(api, onRefreshToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        s.take(api.post("/api/v1/auth/login", null, body));
        s.loadAccount();
        return s;
    }

    /** Resumes with a stored refresh token (a later start, after the PIN). */
    public static Session resume(ApiClient api, String refreshToken, Consumer<String> onRefreshToken) {
        Session s = new Session(api, onRefreshToken);
        s.refresh = refreshToken;
        s.refresh();
        s.loadAccount();
        return s;
    }

    /** A session known only by its account, for working offline until the next refresh succeeds. */
    public static Session offline(ApiClient api, Account account, String refreshToken, Consumer<String> onRefreshToken) {
        Session s = new Session(api, onRefreshToken);
        s.account = account;
        s.refresh = refreshToken;
        s.access = "";
        return s;
    }

    /** Where each new refresh token goes from now on (the worker's phone store seals it once the PIN is known). */
    public void onRefreshToken(Consumer<String> listener) {
        this.onRefreshToken = listener;
    }

    /** The current refresh token. */
    public synchronized String refreshToken() {
        return refresh;
    }

    public synchronized Account account() {
        return account;
    }

    public ApiClient api() {
        return api;
    }

    @Override
    public synchronized String accessToken() {
        return access;
    }

    @Override
    public synchronized String refresh() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refreshToken", refresh);
        take(api.post("/api/v1/auth/refresh", null, body));
        return access;
    }

    /** GET with this session's token, refreshing once on 401. */
    public Object get(String path) {
        return withRefresh(() -> api.get(path, accessToken()));
    }

    /** POST with this session's token, refreshing once on 401. */
    public Object post(String path, Object body) {
        return withRefresh(() -> api.post(path, accessToken(), body));
    }

    private Object withRefresh(java.util.function.Supplier<Object> call) {
        try {
            return call.get();
        } catch (cn.citygrid.sync.client.transport.ApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            refresh();
            return call.get();
        }
    }

    private void take(Object json) {
        Map<String, Object> m = JsonView.object(json);
        String newRefresh;
        synchronized (this) {
            access = JsonView.text(m, "accessToken");
            refresh = JsonView.text(m, "refreshToken");
            newRefresh = refresh;
        }
        onRefreshToken.accept(newRefresh);
    }

    private void loadAccount() {
        Map<String, Object> me = JsonView.object(get("/api/v1/me"));
        Account a = new Account(Long.parseLong(JsonView.text(me, "id")), JsonView.text(me, "username"),
                JsonView.text(me, "displayName"), strings(me.get("roles")), strings(me.get("scope")));
        synchronized (this) {
            account = a;
        }
    }

    private static List<String> strings(Object json) {
        return JsonView.list(json).stream().map(String::valueOf).toList();
    }

    /** The account as stored for offline starts. */
    public static String toJson(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", java.math.BigDecimal.valueOf(a.id()));
        m.put("username", a.username());
        m.put("displayName", a.displayName());
        m.put("roles", a.roles());
        m.put("scope", a.scope());
        return Json.write(m);
    }

    public static Account accountFromJson(String json) {
        Map<String, Object> m = JsonView.object(Json.parse(json));
        return new Account(Long.parseLong(JsonView.text(m, "id")), JsonView.text(m, "username"),
                JsonView.text(m, "displayName"), strings(m.get("roles")), strings(m.get("scope")));
    }
}
