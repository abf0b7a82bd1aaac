package cn.citygrid.sync.server.attach;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ThrowableProxy;
import org.junit.jupiter.api.Test;

class BlockedThreadRecorderTest {
    @Test
    void anEventLoopBlockedInOurCode_counts() {
        assertThat(BlockedThreadRecorder.inOurCode(stack(
                "org.bouncycastle.crypto.digests.SM3Digest", "cn.citygrid.sync.server.attach.ContentDigest",
                "io.vertx.core.impl.future.FutureImpl", "io.netty.channel.nio.NioEventLoop"))).isTrue();
    }

    @Test
    void anEventLoopCaughtInVertxOrTheJdkOnly_isAScheduleDelay_andDoesNotCount() {
        assertThat(BlockedThreadRecorder.inOurCode(stack(
                "java.util.concurrent.CompletableFuture", "io.vertx.core.impl.future.FutureImpl",
                "io.netty.channel.nio.NioEventLoop"))).isFalse();
    }

    @Test
    void aWarningWithoutStack_counts() {
        assertThat(BlockedThreadRecorder.inOurCode(null)).isTrue();
    }

    private static ThrowableProxy stack(String... classes) {
        Exception blocked = new Exception("Thread blocked");
        StackTraceElement[] frames = new StackTraceElement[classes.length];
        for (int i = 0; i < classes.length; i++) {
            frames[i] = new StackTraceElement(classes[i], "run", null, i + 1);
        }
        blocked.setStackTrace(frames);
        return new ThrowableProxy(blocked);
    }
}
