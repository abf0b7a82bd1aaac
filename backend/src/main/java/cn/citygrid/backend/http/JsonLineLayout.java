package cn.citygrid.backend.http;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One JSON object per log line ({@code GRID_LOG_FORMAT=json}), carrying the request id. */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
  private final RequestIdConverter rid = new RequestIdConverter();

  @Override
  public String doLayout(ILoggingEvent event) {
    JsonObject line = new JsonObject()
        .put("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString())
        .put("level", event.getLevel().toString())
        .put("logger", event.getLoggerName())
        .put("thread", event.getThreadName())
        .put("rid", rid.convert(event))
        .put("msg", event.getFormattedMessage());
    if (event.getThrowableProxy() != null) {
      line.put("stack", ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    return line.encode() + CoreConstants.LINE_SEPARATOR;
  }
}
