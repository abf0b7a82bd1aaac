package cn.citygrid.backend.http;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Logback {@code %rid}: the request id of the Vert.x context the log line is written from, or "-". */
public final class RequestIdConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    Context context = Vertx.currentContext();
    Object rid = context == null ? null : context.getLocal(RequestLog.KEY);
    return rid == null ? "-" : rid.toString();
  }
}
