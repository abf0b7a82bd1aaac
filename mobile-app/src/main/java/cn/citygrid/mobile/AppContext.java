package cn.citygrid.mobile;

import cn.citygrid.mobile.api.ApiClient;
import cn.citygrid.mobile.config.AppConfig;
import cn.citygrid.mobile.platform.DeviceServices;
import cn.citygrid.mobile.shell.Background;
import cn.citygrid.mobile.shell.I18n;
import cn.citygrid.mobile.shell.Shell;
import cn.citygrid.sync.client.transport.ApiException;
import cn.citygrid.sync.client.transport.OfflineException;

/** What every part of the running app shares: configuration, phone services, the shell, background work. */
public record AppContext(AppConfig config, DeviceServices device, Shell shell, Background background, ApiClient api) {

    public I18n i18n() {
        return shell.i18n();
    }

    public String t(String key, Object... args) {
        return shell.i18n().t(key, args);
    }

    /** The text of {@code prefix + value} ({@code gender.F}), or the value itself when the app has no text for it. */
    public String label(String prefix, String value) {
        String key = prefix + value;
        String text = t(key);
        return text.equals(key) ? value : text;
    }

    /** A failure as the user should read it: offline, the server's own problem text, or a generic line. */
    public String describe(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof OfflineException) {
            return t("error.offline");
        }
        if (cause instanceof ApiException a) {
            return a.problem().map(p -> p.detail().isEmpty() ? p.title() : p.detail()).filter(s -> !s.isEmpty())
                    .orElse(t("error.http", a.status()));
        }
        return t("error.unexpected", cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
}
