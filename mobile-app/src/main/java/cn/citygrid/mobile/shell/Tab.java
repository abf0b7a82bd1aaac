package cn.citygrid.mobile.shell;

import java.util.function.Supplier;

/** A bottom-navigation destination: its id (node id {@code tab-<id>}), label key and glyph. */
public record Tab(String id, String labelKey, String glyph, Supplier<Screen> screen) {
}
