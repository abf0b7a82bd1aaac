package cn.citygrid.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ThrowableProxy;
import org.junit.jupiter.api.Test;

/** Which blocked-loop warnings fail a test: the loop stuck in our code or in what it called, not in Vert.x/Netty alone. */
class BlockedThreadRecorderTest {
  static ThrowableProxy stuckAt(String... frames) {
    Exception e = new Exception("Thread blocked");
    StackTraceElement[] stack = new StackTraceElement[frames.length];
    for (int i = 0; i < frames.length; i++) {
      int dot = frames[i].lastIndexOf('.');
      stack[i] = new StackTraceElement(frames[i].substring(0, dot), frames[i].substring(dot + 1), null, -1);
    }
    e.setStackTrace(stack);
    return new ThrowableProxy(e);
  }

  @Test
  void ourCodeOnTop_orABlockingCallAboveIt_counts() {
    assertThat(BlockedThreadRecorder.inOurCode(stuckAt("cn.citygrid.backend.Foo.loop", "io.vertx.core.impl.ContextImpl.run")))
        .isTrue();
    assertThat(BlockedThreadRecorder.inOurCode(stuckAt("java.lang.Thread.sleep", "cn.citygrid.backend.Foo.handle",
        "io.vertx.core.impl.ContextImpl.run"))).isTrue();
    assertThat(BlockedThreadRecorder.inOurCode(stuckAt("org.postgresql.jdbc.PgStatement.execute",
        "cn.citygrid.backend.Foo.handle"))).as("JDBC is not the event loop's own").isTrue();
    assertThat(BlockedThreadRecorder.inOurCode(stuckAt("java.util.concurrent.CompletableFuture.get",
        "cn.citygrid.backend.Foo.handle", "io.vertx.core.impl.future.FutureImpl$1.onSuccess"))).isTrue();
    assertThat(BlockedThreadRecorder.inOurCode(stuckAt("io.vertx.core.file.impl.FileSystemImpl.readFileBlocking",
        "cn.citygrid.backend.Foo.handle"))).isTrue();
    assertThat(BlockedThreadRecorder.inOurCode(null)).as("no stack counts against us").isTrue();
  }

  @Test
  void onlyVertxOrNettyAboveOurs_orNoneOfOursAtAll_isLoggedNotFailed() {
    assertThat(BlockedThreadRecorder.inOurCode(stuckAt("java.util.zip.Deflater.deflateBytesBytes",
        "io.netty.handler.codec.http2.CompressorHttp2ConnectionEncoder.writeData", "io.vertx.core.http.impl.Http2ServerResponse.end",
        "cn.citygrid.geo.tiles.TileRoutes.lambda$send$1"))).as("the JDK under a Netty call is Netty's doing").isFalse();
    assertThat(BlockedThreadRecorder.inOurCode(stuckAt("io.netty.handler.codec.http2.DefaultHttp2FrameWriter.writeHeadersInternal",
        "io.vertx.core.http.impl.Http2ServerResponse.end", "cn.citygrid.geo.tiles.TileRoutes.lambda$send$1",
        "io.vertx.core.impl.future.FutureImpl$1.onSuccess"))).isFalse();
    assertThat(BlockedThreadRecorder.inOurCode(stuckAt("io.micrometer.prometheus.PrometheusMeterRegistry.newTimer",
        "io.vertx.micrometer.impl.VertxHttpServerMetrics.responseEnd", "cn.citygrid.backend.http.Reply.run"))).isFalse();
    assertThat(BlockedThreadRecorder.inOurCode(stuckAt("java.lang.invoke.LambdaMetafactory.metafactory",
        "cn.citygrid.backend.http.ProblemHandler.send"))).as("the JVM linking our lambda on first use").isFalse();
    assertThat(BlockedThreadRecorder.inOurCode(stuckAt("sun.nio.ch.EPoll.wait", "io.netty.channel.nio.NioEventLoop.run")))
        .isFalse();
  }
}
