package cn.citygrid.sync.client.transport;

import cn.citygrid.sync.client.clock.ClockSample;
import java.util.List;

/** Per-record results of one upload request, in request order, and the clock sample of the exchange. */
public record BatchReply(List<RecordResult> results, ClockSample clock) {
}
