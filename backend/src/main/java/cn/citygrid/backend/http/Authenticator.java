package cn.citygrid.backend.http;

import cn.citygrid.backend.auth.Principal;
import io.vertx.core.Future;

/** Resolves a bearer token to its caller; fails with {@link ProblemType#UNAUTHENTICATED} when it can't. */
@FunctionalInterface
public interface Authenticator {
  Future<Principal> authenticate(String bearerToken);
}
