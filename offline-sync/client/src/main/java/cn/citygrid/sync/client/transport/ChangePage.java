package cn.citygrid.sync.client.transport;

import cn.citygrid.sync.client.clock.ClockSample;
import java.util.List;

/** One page of the change feed; {@code reset} asks the client to start a new generation (§5). */
public record ChangePage(List<Change> changes, String nextCursor, boolean hasMore, boolean reset, ClockSample clock) {
}
