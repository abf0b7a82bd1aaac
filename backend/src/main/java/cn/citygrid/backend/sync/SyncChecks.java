package cn.citygrid.backend.sync;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.http.ProblemType;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.ledger.RecordIntake.Checks;
import cn.citygrid.backend.ledger.RecordIntake.Outcome;
import cn.citygrid.forms.xform.FieldError;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.RecordValidator;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import cn.citygrid.sync.server.attach.AttachmentRequest;
import cn.citygrid.sync.server.attach.AttachmentStore;
import cn.citygrid.sync.server.attach.Slot;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the sync checks on top of the log's own checks (device, record id, signature): the record
 * names the request's device; a field record is valid for the exact form version it was filled
 * with; a proposal is well formed; every attachment has been uploaded and verified.
 */
final class SyncChecks {
  /** Where verified attachments are: their sizes by SM3 for an account; absent = not uploaded. */
  @FunctionalInterface
  interface AttachmentSizes {
    Future<Map<String, Long>> sizes(long accountId, Collection<String> sm3s);
  }

  /** Payload members the sync reserves (docs/sync-protocol.md §3); forms never declare them. */
  static final Set<String> RESERVED = Set.of("clientId", "corrects");

  private final FormVersions forms;
  private final AttachmentSizes attachments;
  private final WorkerExecutor workers;
  private final RecordValidator validator = new RecordValidator();

  SyncChecks(FormVersions forms, AttachmentSizes attachments, WorkerExecutor workers) {
    this.forms = forms;
    this.attachments = attachments;
    this.workers = workers;
  }

  Checks records(String deviceId) {
    return (caller, envelopes) -> combine(envelopes, deviceMatches(deviceId), this::formValid,
        () -> attachmentsPresent(caller, envelopes));
  }

  Checks proposals(String deviceId) {
    return (caller, envelopes) -> combine(envelopes, deviceMatches(deviceId), Proposals::wellFormed,
        () -> Future.succeededFuture(java.util.Collections.nCopies(envelopes.size(), null)));
  }

  /** A per-envelope synchronous check: null = passes. */
  @FunctionalInterface
  private interface Check {
    Outcome check(RecordEnvelope e, Optional<FormDefinition> form);
  }

  /** Device, then form (on the workers: JavaRosa work), then attachments for those still passing. */
  private Future<List<Outcome>> combine(List<RecordEnvelope> envelopes, Check device, Check content,
      java.util.function.Supplier<Future<List<Outcome>>> attachmentCheck) {
    return definitions(envelopes).compose(defs -> workers.executeBlocking(() -> {
      List<Outcome> out = new ArrayList<>();
      for (RecordEnvelope e : envelopes) {
        Optional<FormDefinition> form = defs.getOrDefault(key(e), Optional.empty());
        Outcome o = device.check(e, form);
        out.add(o != null ? o : content.check(e, form));
      }
      return out;
    }, false)).compose(out -> attachmentCheck.get().map(missing -> {
      List<Outcome> merged = new ArrayList<>(out);
      for (int i = 0; i < merged.size(); i++) {
        if (merged.get(i) == null) {
          merged.set(i, missing.get(i));
        }
      }
      return merged;
    }));
  }

  private static Check deviceMatches(String deviceId) {
    return (e, form) -> e.deviceId().equals(deviceId) ? null : Outcome.rejected(e.recordId(), ProblemType.DEVICE_NOT_YOURS,
        Text.of("记录由设备 " + e.deviceId() + " 签名，而请求来自设备 " + deviceId,
            "The record was signed by device " + e.deviceId() + " but the request comes from " + deviceId));
  }

  private Future<Map<String, Optional<FormDefinition>>> definitions(List<RecordEnvelope> envelopes) {
    Map<String, RecordEnvelope> byForm = new LinkedHashMap<>();
    envelopes.forEach(e -> byForm.putIfAbsent(key(e), e));
    List<String> keys = new ArrayList<>(byForm.keySet());
    List<Future<Optional<FormDefinition>>> loads = keys.stream().map(k -> Proposals.FORM_ID.equals(byForm.get(k).form().id())
        ? Future.succeededFuture(Optional.<FormDefinition>empty())
        : forms.definition(byForm.get(k).form().id(), byForm.get(k).form().version())).toList();
    return Future.all(loads).map(all -> {
      Map<String, Optional<FormDefinition>> out = new HashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        out.put(keys.get(i), loads.get(i).result());
      }
      return out;
    });
  }

  private static String key(RecordEnvelope e) {
    return e.form().id() + "@" + e.form().version();
  }

  /** Worker thread: the payload (without the sync's reserved members) against its exact form version. */
  private Outcome formValid(RecordEnvelope e, Optional<FormDefinition> form) {
    if (Proposals.FORM_ID.equals(e.form().id())) {
      return Outcome.rejected(e.recordId(), ProblemType.FORM_UNKNOWN, Text.of("修改建议请提交到 /api/v1/sync/proposals",
          "Proposals go to /api/v1/sync/proposals"));
    }
    if (form.isEmpty()) {
      return Outcome.rejected(e.recordId(), ProblemType.FORM_UNKNOWN, Text.of(
          "表单 " + e.form().id() + " 版本 " + e.form().version() + " 未发布", "Form " + e.form().id() + " version "
              + e.form().version() + " is not published"));
    }
    Map<String, Object> payload = new LinkedHashMap<>(e.payload());
    RESERVED.forEach(payload::remove);
    List<String> names = e.attachments().stream().map(AttachmentRef::name).toList();
    List<FieldError> errors = validator.validate(form.get(), payload, names).errors();
    if (errors.isEmpty()) {
      return null;
    }
    JsonArray list = new JsonArray(errors.stream().map(err -> new JsonObject().put("field", err.field())
        .put("code", err.code().id()).put("message", err.messageZh()).put("messageEn", err.messageEn())).toList());
    Outcome o = Outcome.rejected(e.recordId(), ProblemType.RECORD_INVALID, Text.of(
        "有 " + errors.size() + " 处不符合表单 " + e.form().id() + "@" + e.form().version() + " 的规则",
        errors.size() + " answer(s) break the rules of form " + e.form().id() + "@" + e.form().version()));
    o.extra().put("errors", list);
    return o;
  }

  /**
   * Records whose attachments are not all verified in the store wait (retry); a size that disagrees is a rejection,
   * and so is a file the store would never take (too large, a media type it refuses: the upload's own refusal,
   * sync-protocol.md §4) — such a record would otherwise wait forever.
   */
  private Future<List<Outcome>> attachmentsPresent(Principal caller, List<RecordEnvelope> envelopes) {
    Set<String> wanted = new LinkedHashSet<>();
    envelopes.forEach(e -> e.attachments().forEach(a -> wanted.add(a.sm3())));
    Future<Map<String, Long>> sizes = wanted.isEmpty() ? Future.succeededFuture(Map.of())
        : attachments.sizes(caller.accountId(), wanted);
    return sizes.map(present -> envelopes.stream().map(e -> {
      List<String> missing = new ArrayList<>();
      for (AttachmentRef a : e.attachments()) {
        Optional<Slot.Refused> refused = AttachmentStore.refusal(new AttachmentRequest(a.sm3(), a.size(), a.mediaType()));
        if (refused.isPresent()) {
          Outcome o = Outcome.rejected(e.recordId(), ProblemType.ATTACHMENT_REFUSED, Text.of(
              "附件 " + a.name() + " 不被接受：" + refused.get().detailZh(),
              "Attachment " + a.name() + " is refused: " + refused.get().detailEn()));
          o.extra().put("sm3", a.sm3()).put("reason", refused.get().reason().name().toLowerCase(Locale.ROOT));
          return o;
        }
        Long size = present.get(a.sm3());
        if (size == null) {
          missing.add(a.sm3());
        } else if (size != a.size()) {
          return Outcome.rejected(e.recordId(), ProblemType.RECORD_INVALID, Text.of(
              "附件 " + a.name() + " 的大小与已上传内容不符", "Attachment " + a.name() + " has another size than the uploaded file"));
        }
      }
      return missing.isEmpty() ? null : Outcome.retry(e.recordId(), ProblemType.ATTACHMENT_MISSING, Text.of(
          missing.size() + " 个附件尚未上传并核验", missing.size() + " attachment(s) are not uploaded and verified yet"),
          new JsonObject().put("missing", new JsonArray(missing)));
    }).toList());
  }
}
