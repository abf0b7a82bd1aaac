package cn.citygrid.mobile.shell;

/** A screen whose data the app reloads when sync changed something (it reloads in the background itself). */
public interface Live {
    void reload();
}
