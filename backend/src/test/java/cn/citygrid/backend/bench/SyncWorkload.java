package cn.citygrid.backend.bench;

import cn.citygrid.backend.testing.TestPhone;
import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.sync.protocol.crypto.Sm3;
import cn.citygrid.sync.protocol.record.AttachmentRef;
import cn.citygrid.sync.protocol.record.FormRef;
import cn.citygrid.sync.protocol.record.RecordEnvelope;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * What the simulated phones send, all made before any clock starts: signed household visits and
 * event reports that pass their form's validation, every tenth an event report with its own
 * ~200 KB JPEG. Photos are one picture made distinct by a JPEG comment holding their number, so
 * each has its own SM3 and the server stores, hashes and thumbnails every one of them.
 */
final class SyncWorkload {
  static final FormRef VISIT = new FormRef(BuiltInForms.HOUSEHOLD_VISIT, BuiltInForms.VERSION);
  static final FormRef EVENT = new FormRef(BuiltInForms.EVENT_REPORT, BuiltInForms.VERSION);

  /** A photo by number: its bytes are {@link #photo(int)}. */
  record Photo(int n, String sm3, int size) {}

  /** One upload request: its envelopes, their JSON array as sent, and the photos they name. */
  record Batch(List<RecordEnvelope> records, String recordsJson, List<Photo> photos) {}

  /** A phone and its batches, sent one after another. */
  record Device(TestPhone phone, List<Batch> batches) {}

  /** A house of the worker's grid and one of its residents. */
  record House(String houseId, String personId) {}

  private final byte[] picture;
  private List<Device> devices = List.of();

  private SyncWorkload(byte[] picture) {
    this.picture = picture;
  }

  List<Device> devices() {
    return devices;
  }

  /** Devices {@code from} (inclusive) to {@code to} (exclusive) of this workload. */
  SyncWorkload slice(int from, int to) {
    SyncWorkload s = new SyncWorkload(picture);
    s.devices = devices.subList(from, to);
    return s;
  }

  int pictureSize() {
    return picture.length;
  }

  long records() {
    return devices.stream().flatMap(d -> d.batches().stream()).mapToLong(b -> b.records().size()).sum();
  }

  long photos() {
    return devices.stream().flatMap(d -> d.batches().stream()).mapToLong(b -> b.photos().size()).sum();
  }

  /** Signs {@code perDevice} records on each phone (both cores), in batches of {@code batchSize}. */
  static SyncWorkload sign(List<TestPhone> phones, List<House> houses, int perDevice, int batchSize) {
    SyncWorkload w = new SyncWorkload(picture());
    w.devices = IntStream.range(0, phones.size()).parallel()
        .mapToObj(d -> w.device(phones.get(d), d, houses, perDevice, batchSize)).toList();
    return w;
  }

  private Device device(TestPhone phone, int d, List<House> houses, int perDevice, int batchSize) {
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < perDevice; from += batchSize) {
      List<RecordEnvelope> records = new ArrayList<>();
      List<Photo> photos = new ArrayList<>();
      for (int i = from; i < Math.min(perDevice, from + batchSize); i++) {
        int n = d * perDevice + i;
        if (i % 10 == 9) {
          byte[] bytes = photo(n);
          Photo p = new Photo(n, Sm3.hex(bytes), bytes.length);
          photos.add(p);
          records.add(phone.sign(EVENT, event(n), List.of(new AttachmentRef("p1.jpg", "image/jpeg", p.size(), p.sm3())),
              Instant.now()));
        } else {
          records.add(phone.sign(VISIT, visit(houses.get(n % houses.size()), n), List.of(), Instant.now()));
        }
      }
      String json = "[" + String.join(",", records.stream().map(RecordEnvelope::toJson).toList()) + "]";
      batches.add(new Batch(records, json, photos));
    }
    return new Device(phone, batches);
  }

  /** A visit to an occupied house where the resident is confirmed living there (as in SyncIT). */
  private static Map<String, Object> visit(House house, int n) {
    Map<String, Object> member = new LinkedHashMap<>();
    member.put("person_id", house.personId());
    member.put("name", "某某");
    member.put("residence_kind", "resident");
    member.put("moved_out", "no");
    member.put("present", "no");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("visit", Map.of("house_id", house.houseId(), "visit_result", "at_home"));
    p.put("members", List.of(member));
    p.put("wrap_up", Map.of("location", "22.5431 114.0579 12.5 4.8", "notes", "入户核实 第 " + n + " 次走访，户内情况已核实"));
    p.put("resident_count", 1);
    p.put("present_count", 0);
    return p;
  }

  private static Map<String, Object> event(int n) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("event", Map.of("category", "municipal", "description", "井盖缺失，位于莲花路与新洲路交叉口东北角（" + n + "）",
        "urgency", "urgent"));
    p.put("place", Map.of("location", "22.5431 114.0579 15 6"));
    p.put("media", Map.of("photo_1", "p1.jpg"));
    p.put("photo_count", 1);
    return p;
  }

  /** Photo {@code n}: the picture with a JPEG comment segment (FF FE) naming {@code n} right after SOI. */
  byte[] photo(int n) {
    byte[] note = ("citygrid bench photo " + n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] out = new byte[picture.length + 4 + note.length];
    out[0] = (byte) 0xFF;
    out[1] = (byte) 0xD8;
    out[2] = (byte) 0xFF;
    out[3] = (byte) 0xFE;
    out[4] = (byte) ((note.length + 2) >> 8);
    out[5] = (byte) (note.length + 2);
    System.arraycopy(note, 0, out, 6, note.length);
    System.arraycopy(picture, 2, out, 6 + note.length, picture.length - 2);
    return out;
  }

  /** A 1024×768 JPEG of gradients and noise, the noise raised until it weighs about 200 KB. */
  private static byte[] picture() {
    for (int noise = 8; ; noise += 4) {
      byte[] jpeg = jpeg(noise);
      if (jpeg.length >= 190_000 || noise > 128) {
        return jpeg;
      }
    }
  }

  private static byte[] jpeg(int noise) {
    BufferedImage image = new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < 768; y++) {
      for (int x = 0; x < 1024; x++) {
        int r = clamp(x / 4 + random.nextInt(noise + 1) - noise / 2);
        int g = clamp(y / 3 + random.nextInt(noise + 1) - noise / 2);
        int b = clamp((x + y) / 7 + random.nextInt(noise + 1) - noise / 2);
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
