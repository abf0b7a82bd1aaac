package cn.citygrid.mobile.account;

import cn.citygrid.mobile.AppContext;
import cn.citygrid.sync.client.key.DeviceKey;
import cn.citygrid.sync.client.key.WrongPinException;
import cn.citygrid.sync.client.transport.OfflineException;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A worker's way from sign-in (or a later start) to the home screen: choose a PIN and enroll the phone (SM2 key
 * made here, sealed under the PIN, public key sent to {@code POST /api/v1/devices}), or unlock with the PIN; then
 * wait for a supervisor's approval if it is still pending. Works offline after the first approval: the stored
 * account and device state are enough to start. Key generation, Argon2 and HTTP run in the background.
 */
public final class WorkerStart {
    /** What the worker mode needs once the phone is unlocked and approved. */
    public record Unlocked(PhoneStore phone, DeviceKey key, Session session) {}

    static final String UNENROLLED = "unenrolled";
    private final AppContext ctx;
    private final Consumer<Unlocked> ready;
    private final Runnable signOut;
    private ScheduledFuture<?> poll;

    public WorkerStart(AppContext ctx, Consumer<Unlocked> ready, Runnable signOut) {
        this.ctx = ctx;
        this.ready = ready;
        this.signOut = signOut;
    }

    /** After a password sign-in: enroll a new phone, or unlock this worker's existing key. */
    public void signedIn(Session session) {
        String user = session.account().username();
        ctx.background().run(() -> PhoneStore.open(ctx.device().dataDir(), user), phone -> {
            PinScreen.Mode mode = phone.hasDeviceKey() ? PinScreen.Mode.UNLOCK : PinScreen.Mode.CREATE;
            ctx.shell().replace(new PinScreen(ctx, mode, session.account().displayName(),
                    (pin, screen) -> pinEntered(phone, session, mode, pin, screen), signOut));
        }, e -> ctx.shell().toast(ctx.describe(e)));
    }

    /** A later start: the PIN unlocks the last worker's key; the session resumes from the sealed refresh token. */
    public void resume(String username) {
        ctx.background().run(() -> PhoneStore.open(ctx.device().dataDir(), username), phone ->
                ctx.shell().replace(new PinScreen(ctx, PinScreen.Mode.UNLOCK, phone.account().map(Account::displayName)
                        .orElse(username), (pin, screen) -> pinEntered(phone, null, PinScreen.Mode.UNLOCK, pin, screen),
                        signOut)), e -> ctx.shell().toast(ctx.describe(e)));
    }

    private void pinEntered(PhoneStore phone, Session signedIn, PinScreen.Mode mode, char[] pin, PinScreen screen) {
        ctx.background().run(() -> {
            try {
                return unlock(phone, signedIn, mode, pin);
            } finally {
                Arrays.fill(pin, '\0');
            }
        }, this::afterUnlock, e -> screen.failed(e instanceof WrongPinException ? ctx.t("pin.wrong") : ctx.describe(e)));
    }

    private Unlocked unlock(PhoneStore phone, Session signedIn, PinScreen.Mode mode, char[] pin) throws WrongPinException {
        DeviceKey key = mode == PinScreen.Mode.CREATE ? phone.createKey(Enrollment.newDeviceId(), pin) : phone.unlock(pin);
        if (mode == PinScreen.Mode.CREATE) {
            phone.saveDeviceStatus(UNENROLLED);
        }
        Session session = signedIn != null ? signedIn : resumeSession(phone, key);
        session.onRefreshToken(token -> phone.saveRefreshToken(key, token));
        if (session.refreshToken() != null) {
            phone.saveRefreshToken(key, session.refreshToken());
        }
        phone.saveAccount(session.account());
        return new Unlocked(phone, key, session);
    }

    /** Refresh token → new tokens; offline, the stored account is enough to work and the engine refreshes later. */
    private Session resumeSession(PhoneStore phone, DeviceKey key) {
        String refresh = phone.refreshToken(key).orElseThrow(() -> new IllegalStateException(ctx.t("pin.signInAgain")));
        try {
            return Session.resume(ctx.api(), refresh, t -> { });
        } catch (OfflineException e) {
            Account a = phone.account().orElseThrow(() -> e);
            return Session.offline(ctx.api(), a, refresh, t -> { });
        }
    }

    private void afterUnlock(Unlocked u) {
        String status = u.phone().deviceStatus().orElse(UNENROLLED);
        if (status.equals("approved")) {
            ready.accept(u);
            return;
        }
        WaitingScreen waiting = new WaitingScreen(ctx, u.key().deviceId(), () -> checkApproval(u, null));
        ctx.shell().replace(waiting);
        checkApproval(u, waiting);
        long every = ctx.config().approvalPoll().toMillis();
        poll = ctx.background().scheduler().scheduleWithFixedDelay(
                () -> javafx.application.Platform.runLater(() -> checkApproval(u, waiting)), every, every, TimeUnit.MILLISECONDS);
    }

    /** Enrolls if not yet done, then asks the server for the device's state. */
    private void checkApproval(Unlocked u, WaitingScreen waiting) {
        WaitingScreen screen = waiting != null ? waiting
                : ctx.shell().current() instanceof WaitingScreen w ? w : null;
        ctx.background().run(() -> {
            if (u.phone().deviceStatus().orElse(UNENROLLED).equals(UNENROLLED)) {
                u.phone().saveDeviceStatus(Enrollment.enroll(u.session(), u.key().deviceId(), u.key().publicKey(),
                        ctx.t("device.label")));
            }
            String now = Enrollment.status(u.session(), u.key().deviceId());
            u.phone().saveDeviceStatus(now);
            return now;
        }, now -> {
            if (now.equals("approved")) {
                if (poll != null) {
                    poll.cancel(false);
                    poll = null;
                }
                if (ctx.shell().current() instanceof WaitingScreen) {
                    ready.accept(u);
                }
            } else if (screen != null) {
                screen.state(ctx.t("waiting.state." + now));
            }
        }, e -> {
            if (screen != null) {
                screen.state(ctx.describe(e));
            }
        });
    }
}
