package cn.citygrid.backend.sync;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.device.Device;
import cn.citygrid.backend.device.DeviceDirectory;
import cn.citygrid.backend.device.DeviceDirectory.KnownDevice;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import io.vertx.core.Future;

/** The {@code X-Device-Id} of a sync request: checked before anything else (sync-protocol.md §1). */
final class SyncDevices {
  static final String HEADER = "X-Device-Id";

  private final DeviceDirectory devices;

  SyncDevices(DeviceDirectory devices) {
    this.devices = devices;
  }

  Future<KnownDevice> require(Principal caller, String deviceId) {
    if (deviceId == null || deviceId.isBlank() || deviceId.length() > 128) {
      return Future.failedFuture(new DomainException(ProblemType.DEVICE_HEADER,
          Text.of("请求头 " + HEADER + " 应为本人已登记设备的编号", "Header " + HEADER + " must name a device you enrolled")));
    }
    return devices.byId(deviceId).map(found -> {
      KnownDevice d = found.filter(k -> k.accountId() == caller.accountId()).orElseThrow(() -> new DomainException(
          ProblemType.DEVICE_NOT_YOURS, Text.of("设备 " + deviceId + " 不是您登记的设备", "Device " + deviceId + " is not one you enrolled")));
      if (d.status() == Device.Status.pending) {
        throw new DomainException(ProblemType.DEVICE_NOT_APPROVED, Text.of("设备等待审批，记录保留在手机上",
            "The device awaits approval; records stay on the phone"));
      }
      if (d.status() == Device.Status.rejected) {
        throw new DomainException(ProblemType.DEVICE_REJECTED, Text.of("设备登记已被拒绝", "The device enrollment was rejected"));
      }
      if (d.status() == Device.Status.revoked) {
        throw new DomainException(ProblemType.DEVICE_REVOKED, Text.of("设备已于 " + d.revokedAt() + " 吊销",
            "The device was revoked at " + d.revokedAt()));
      }
      return d;
    });
  }
}
