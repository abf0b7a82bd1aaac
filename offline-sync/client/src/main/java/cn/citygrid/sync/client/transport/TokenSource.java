package cn.citygrid.sync.client.transport;

/**
 * Where the engine gets the worker's bearer token ({@code POST /api/v1/auth/login}). The app implements it with
 * its session; {@link #refresh()} is called once after a 401 and must return a fresh token or throw.
 */
public interface TokenSource {
    String accessToken();

    String refresh();

    /** A token that never changes (tests, tools). */
    static TokenSource fixed(String token) {
        return new TokenSource() {
            @Override
            public String accessToken() {
                return token;
            }

            @Override
            public String refresh() {
                return token;
            }
        };
    }
}
