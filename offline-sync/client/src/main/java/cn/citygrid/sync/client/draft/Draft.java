package cn.citygrid.sync.client.draft;

import cn.citygrid.sync.protocol.record.FormRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A form being filled in: not signed, not sent, but kept across app kills. {@code data} uses the protocol's
 * {@code Json} value model; {@code attachments} are files the app owns until the draft is captured.
 */
public record Draft(String id, FormRef form, Map<String, Object> data, List<Path> attachments, Instant updatedAt) {
    public Draft {
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        attachments = List.copyOf(attachments);
    }
}
