package cn.citygrid.backend.placecode;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.testing.Http;
import cn.citygrid.backend.testing.TestApp;
import cn.citygrid.backend.testing.TestDatabase;
import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.placecode.PlaceCodeCheck;
import cn.citygrid.sync.protocol.placecode.PlaceCodes;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signed house codes: issued in scope, verifiable offline with the published key, printable. */
class PlaceCodeIT {
  static TestDatabase db;
  static TestApp app;
  static Http http;
  static String worker;
  static String workerGrid;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create(PlaceCodeIT.class);
    TestApp.seedDemo(db, 600);
    app = TestApp.start(db);
    http = app.http();
    worker = app.login("worker", "Demo@2026");
    workerGrid = http.get("/api/v1/me", worker).json().getJsonArray("scope").getString(0);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  static long house(String where) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM grid.house WHERE " + where + " ORDER BY id LIMIT 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The published key of that id, as a phone or an auditor fetches it. */
  static Optional<Sm2PublicKey> key(String keyId) {
    return http.get("/api/v1/placecodes/public-keys", null).jsonArray().stream().map(JsonObject.class::cast)
        .filter(k -> keyId.equals(k.getString("keyId"))).findFirst()
        .map(k -> Sm2PublicKey.fromPem(k.getString("publicKey")));
  }

  static String kidOf(String code) {
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(code.split("\\.")[1]),
        java.nio.charset.StandardCharsets.UTF_8)).getString("kid");
  }

  @Test
  void keysRotate_oldCodesVerifyUntilTheirKeyIsRetired() throws Exception {
    String admin = app.login("admin", "Demo@2026");
    long id = house("grid_code = '" + workerGrid + "'");
    String before = http.get("/api/v1/placecodes/houses/" + id, worker).json().getString("code");
    assertThat(http.postJson("/api/v1/placecodes/keys", worker, new JsonObject()).status()).isEqualTo(403);
    Http.Response rotated = http.postJson("/api/v1/placecodes/keys", admin, new JsonObject());
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
    String newKid = rotated.json().getString("keyId");
    String after = http.get("/api/v1/placecodes/houses/" + id, worker).json().getString("code");
    assertThat(kidOf(after)).isEqualTo(newKid).isNotEqualTo(kidOf(before));
    assertThat(http.get("/api/v1/placecodes/public-keys", null).jsonArray().stream()
        .map(k -> ((JsonObject) k).getString("keyId"))).containsExactly(newKid, kidOf(before));
    assertThat(PlaceCodes.verify(before, PlaceCodeIT::key)).isInstanceOf(PlaceCodeCheck.Valid.class);
    assertThat(PlaceCodes.verify(after, PlaceCodeIT::key)).isInstanceOf(PlaceCodeCheck.Valid.class);

    String retire = "/api/v1/placecodes/keys/" + kidOf(before) + "/retire";
    assertThat(http.send("POST", retire, admin, null, Map.of()).status()).isEqualTo(204);
    assertThat(PlaceCodes.verify(before, PlaceCodeIT::key)).as("a retired key's codes").isInstanceOf(PlaceCodeCheck.Refused.class);
    assertThat(PlaceCodes.verify(after, PlaceCodeIT::key)).isInstanceOf(PlaceCodeCheck.Valid.class);
    assertThat(http.send("POST", retire, admin, null, Map.of()).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/placecodes/keys", worker).status()).isEqualTo(403);
    List<JsonObject> listed = http.get("/api/v1/placecodes/keys", admin).jsonArray().stream().map(JsonObject.class::cast)
        .toList();
    assertThat(listed).extracting(k -> k.getString("keyId")).containsExactly(newKid, kidOf(before));
    assertThat(listed.get(0).getBoolean("signing")).isTrue();
    assertThat(listed.get(0).getValue("retiredAt")).isNull();
    assertThat(listed.get(1).getBoolean("signing")).isFalse();
    assertThat(listed.get(1).getString("retiredAt")).isNotNull();
    assertThat(Sm2PublicKey.fromPem(listed.get(1).getString("publicKey")).keyId()).isEqualTo(kidOf(before));
    // Phones hear of both: the retired key stays in the feed with validUntil set, so a phone refuses it even where
    // its app build pinned it (a tombstone would read as a key it never heard of).
    TestPhone phone = new TestPhone(http, worker).enrolledAndApproved(app.login("supervisor", "Demo@2026"));
    Map<String, JsonObject> keys = new java.util.HashMap<>();
    phone.pull(new String[] {null}).stream().filter(c -> c.getString("entity").equals("placecode-key"))
        .forEach(c -> keys.put(c.getString("id"), c));
    assertThat(keys.get(kidOf(before)).getString("op")).isEqualTo("upsert");
    assertThat(keys.get(kidOf(before)).getJsonObject("data").getString("validUntil")).as("retired").isNotNull();
    assertThat(keys.get(newKid).getJsonObject("data").getValue("validUntil")).isNull();
    assertThat(Sm2PublicKey.fromPem(keys.get(newKid).getJsonObject("data").getString("publicKey")).keyId()).isEqualTo(newKid);
  }

  @Test
  void houseCode_inTheWorkersGrid_verifiesOffline_andAnAlteredOneIsRefused() throws Exception {
    long id = house("grid_code = '" + workerGrid + "'");
    JsonObject issued = http.get("/api/v1/placecodes/houses/" + id, worker).json();
    String code = issued.getString("code");
    assertThat(PlaceCodes.verify(code, PlaceCodeIT::key)).isInstanceOfSatisfying(PlaceCodeCheck.Valid.class,
        v -> assertThat(v.code().id()).isEqualTo(String.valueOf(id)));
    String[] parts = code.split("\\.");
    String otherHouse = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
        .replace("\"id\":\"" + id + "\"", "\"id\":\"" + (id + 1) + "\"");
    String altered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(otherHouse.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    assertThat(PlaceCodes.verify(altered, PlaceCodeIT::key)).isInstanceOf(PlaceCodeCheck.Refused.class);
  }

  @Test
  void houseOutsideTheWorkersGrid_isNotFound() throws Exception {
    long id = house("grid_code <> '" + workerGrid + "'");
    assertThat(http.get("/api/v1/placecodes/houses/" + id, worker).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/placecodes/houses/" + id, app.login("admin", "Demo@2026")).status()).isEqualTo(200);
  }

  @Test
  void png_decodesToTheSignedCode() throws Exception {
    long id = house("grid_code = '" + workerGrid + "'");
    String code = http.get("/api/v1/placecodes/houses/" + id, worker).json().getString("code");
    HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(http.base() + "/api/v1/placecodes/houses/" + id + "/qr.png")).header("Authorization", "Bearer " + worker).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
    var image = ImageIO.read(new ByteArrayInputStream(png.body()));
    String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
    assertThat(PlaceCodes.verify(decoded, PlaceCodeIT::key)).isInstanceOf(PlaceCodeCheck.Valid.class);
    assertThat(decoded.split("\\.")[1]).isEqualTo(code.split("\\.")[1]);
  }

  @Test
  void gridSheet_isAnA4SvgWithTwentyFourLabels() {
    Http.Response svg = http.send("GET", "/api/v1/placecodes/grids/" + workerGrid + "/sheet.svg", worker, null, Map.of());
    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.header("Content-Type")).startsWith("image/svg+xml");
    assertThat(svg.body()).contains("width=\"210mm\"").contains("网格 " + workerGrid);
    assertThat(svg.body().split("<path", -1)).hasSize(25);
    assertThat(http.send("GET", "/api/v1/placecodes/grids/440303001001001/sheet.svg", worker, null, Map.of()).status())
        .isEqualTo(404);
  }
}
