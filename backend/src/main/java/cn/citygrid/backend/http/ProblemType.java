package cn.citygrid.backend.http;

/**
 * The one catalogue of problem types (RFC 9457). Every 4xx/5xx the API answers carries one of
 * these as {@code type} ({@code urn:citygrid:problem:<slug>}); docs/problems.md lists them.
 */
public enum ProblemType {
  VALIDATION(400, "validation-failed", "请求数据不合法", "The request data is invalid"),
  MALFORMED_REQUEST(400, "malformed-request", "请求格式错误", "The request is malformed"),
  UNAUTHENTICATED(401, "unauthenticated", "未登录或登录已失效", "Not signed in, or the session has ended"),
  INVALID_CREDENTIALS(401, "invalid-credentials", "用户名或密码错误", "Wrong username or password"),
  FORBIDDEN(403, "forbidden", "无权执行此操作", "You are not allowed to do this"),
  NOT_FOUND(404, "not-found", "资源不存在", "Not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "不支持该请求方法", "Method not allowed"),
  CONFLICT(409, "conflict", "与现有数据冲突", "Conflicts with existing data"),
  WITNESS_REFUSED(422, "witness-refused", "见证方拒绝联署", "The witness refused to cosign"),
  RECORD_MALFORMED(400, "record-malformed", "记录格式不合法", "The record is malformed"),
  DEVICE_KEY_UNKNOWN(403, "device-key-unknown", "签名密钥未登记", "The signing key is not enrolled"),
  DEVICE_NOT_APPROVED(403, "device-not-approved", "设备尚未通过审批", "The device is not approved yet"),
  DEVICE_REJECTED(403, "device-rejected", "设备登记已被拒绝", "The device enrollment was rejected"),
  DEVICE_REVOKED(403, "device-revoked", "设备已吊销", "The device is revoked"),
  DEVICE_NOT_YOURS(403, "device-not-yours", "设备不属于当前用户", "The device belongs to another account"),
  SIGNATURE_INVALID(422, "signature-invalid", "签名验证失败", "The signature does not verify"),
  RECORD_NOT_SEALED(409, "record-not-sealed", "记录尚未上链", "The record is not sealed into the log yet"),
  RECORD_ID_CONFLICT(409, "record-id-conflict", "记录号已以不同内容存在", "The record id is stored with other bytes"),
  RECORD_TOO_LARGE(413, "record-too-large", "单条记录过大", "The record is too large"),
  RECORD_INVALID(422, "record-invalid", "记录未通过表单校验", "The record does not pass its form's rules"),
  FORM_UNKNOWN(422, "form-unknown", "表单或其版本不存在", "No such form or form version"),
  FORM_INVALID(422, "form-invalid", "表单文件不合法", "The form file is invalid"),
  FORM_VERSION_CONFLICT(409, "form-version-conflict", "该表单版本已以不同内容发布", "This form version is published with other content"),
  ATTACHMENT_MISSING(409, "attachment-missing", "附件尚未上传", "An attachment is not uploaded yet"),
  ATTACHMENT_REFUSED(413, "attachment-refused", "附件不被接受", "The attachment is refused"),
  ATTACHMENT_HASH_MISMATCH(422, "attachment-hash-mismatch", "附件内容与其 SM3 不符", "The attachment does not match its SM3"),
  UPLOAD_NOT_FOUND(404, "upload-not-found", "未找到上传内容", "Nothing was uploaded"),
  PLACE_CODE_REFUSED(422, "place-code-refused", "场所码无效或被篡改", "The place code is forged, altered or not a place's"),
  DEVICE_HEADER(400, "device-header", "缺少或错误的设备标识", "Missing or wrong device id"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "请求体过大", "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "不支持的内容类型", "Unsupported content type"),
  ACCOUNT_LOCKED(429, "account-locked", "账号已临时锁定", "The account is temporarily locked"),
  // GIS (geo-services' GeoException codes; cn.citygrid.backend.geo.GeoProblems maps them by slug)
  CRS_UNKNOWN(400, "crs-unknown", "不支持的坐标系", "Unknown coordinate system"),
  TILE_OUT_OF_RANGE(400, "tile-out-of-range", "瓦片坐标无效", "Not a tile of the XYZ scheme"),
  LAYER_UNKNOWN(404, "layer-unknown", "没有该图层", "No such tile layer"),
  GEOJSON_INVALID(400, "geojson-invalid", "GeoJSON 无效", "Invalid GeoJSON"),
  SHAPEFILE_INVALID(400, "shapefile-invalid", "Shapefile 无效", "Invalid Shapefile"),
  COORDINATES_NOT_LONLAT(400, "coordinates-not-lonlat", "坐标不是经纬度", "Coordinates are not longitude/latitude"),
  SPLIT_LINE_INVALID(400, "split-line-invalid", "分割线无效", "Invalid split line"),
  GRID_CODE_INVALID(400, "grid-code-invalid", "网格编码无效", "Invalid grid code"),
  GRID_NOT_FOUND(404, "grid-not-found", "网格不存在或不在管辖范围内", "No such grid in your scope"),
  GRID_EXISTS(409, "grid-exists", "网格编码已存在", "The grid code is taken"),
  GRID_IN_USE(409, "grid-in-use", "网格仍被其他数据引用", "The grid is still referenced"),
  GRIDS_NOT_SAME_COMMUNITY(409, "grids-not-same-community", "网格不属于同一社区", "The grids are in different communities"),
  GRID_IMPORT_REJECTED(422, "grid-import-rejected", "网格导入未通过校验", "The grid import failed validation"),
  GRIDS_NOT_ADJACENT(409, "grids-not-adjacent", "网格不相邻", "The grids share no boundary"),
  GEOSERVER_UNAUTHORIZED(502, "geoserver-unauthorized", "GeoServer 拒绝了凭据", "GeoServer refused the credentials"),
  GEOSERVER_FAILED(502, "geoserver-failed", "GeoServer 请求失败", "A GeoServer request failed"),
  UPSTREAM_FAILED(502, "upstream-failed", "上游服务失败", "An upstream service failed"),
  INTERNAL(500, "internal-error", "服务器内部错误", "Internal server error"),
  UNAVAILABLE(503, "unavailable", "服务暂不可用", "Service unavailable");

  private final int status;
  private final String slug;
  private final Text title;

  ProblemType(int status, String slug, String zh, String en) {
    this.status = status;
    this.slug = slug;
    this.title = Text.of(zh, en);
  }

  public int status() {
    return status;
  }

  public String uri() {
    return "urn:citygrid:problem:" + slug;
  }

  /** The last part of {@link #uri()}, e.g. {@code grid-not-found}. */
  public String slug() {
    return slug;
  }

  public Text title() {
    return title;
  }
}
