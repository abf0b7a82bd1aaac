package cn.citygrid.geo.gridtools;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the attribute table of a shapefile (dBASE III+ .dbf). Types: C → String, N/F → BigDecimal,
 * L → Boolean, D → LocalDate, others → String; blanks → null. Deleted records are kept as empty
 * maps so record numbers still line up with the .shp. Text encoding: the .cpg file when given, else
 * UTF-8 when every text byte decodes as UTF-8, else GBK (what Chinese GIS software writes by default).
 */
final class DbfReader {
  private record Field(String name, char type, int length) {}

  private DbfReader() {}

  static List<Map<String, Object>> read(byte[] dbf, String cpg) {
    ByteBuffer in = ByteBuffer.wrap(dbf).order(ByteOrder.LITTLE_ENDIAN);
    if (dbf.length < 32) {
      throw ShapefileReader.invalid(".dbf 文件被截断", "the .dbf file is truncated");
    }
    int records = in.getInt(4);
    int headerLength = Short.toUnsignedInt(in.getShort(8));
    int recordLength = Short.toUnsignedInt(in.getShort(10));
    List<Field> fields = fields(dbf, headerLength);
    Charset charset = charset(cpg, dbf, headerLength);
    List<Map<String, Object>> rows = new ArrayList<>(records);
    for (int r = 0; r < records; r++) {
      int at = headerLength + r * recordLength;
      if (at + recordLength > dbf.length) {
        throw ShapefileReader.invalid(".dbf 记录数与文件长度不符", "the .dbf file holds fewer records than its header says");
      }
      rows.add(dbf[at] == '*' ? Map.of() : row(dbf, at + 1, fields, charset));
    }
    return rows;
  }

  private static List<Field> fields(byte[] dbf, int headerLength) {
    List<Field> fields = new ArrayList<>();
    for (int at = 32; at + 32 <= headerLength && dbf[at] != 0x0D; at += 32) {
      int nameEnd = at;
      while (nameEnd < at + 11 && dbf[nameEnd] != 0) {
        nameEnd++;
      }
      fields.add(new Field(new String(dbf, at, nameEnd - at, StandardCharsets.US_ASCII).trim(),
          (char) dbf[at + 11], Byte.toUnsignedInt(dbf[at + 16])));
    }
    return fields;
  }

  private static Map<String, Object> row(byte[] dbf, int at, List<Field> fields, Charset charset) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Field f : fields) {
      String text = new String(dbf, at, f.length, f.type == 'C' ? charset : StandardCharsets.US_ASCII).trim();
      row.put(f.name, text.isEmpty() ? null : value(f.type, text));
      at += f.length;
    }
    return row;
  }

  private static Object value(char type, String text) {
    try {
      return switch (Character.toUpperCase(type)) {
        case 'N', 'F' -> new BigDecimal(text);
        case 'L' -> "TtYy".indexOf(text.charAt(0)) >= 0 ? Boolean.TRUE : "FfNn".indexOf(text.charAt(0)) >= 0 ? Boolean.FALSE : null;
        case 'D' -> LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(4, 6)),
            Integer.parseInt(text.substring(6, 8)));
        default -> text;
      };
    } catch (RuntimeException e) {
      return text; // a malformed number or date stays readable as text
    }
  }

  private static Charset charset(String cpg, byte[] dbf, int headerLength) {
    if (cpg != null && !cpg.isBlank()) {
      String name = cpg.trim().toUpperCase(Locale.ROOT);
      return switch (name) {
        case "UTF-8", "UTF8", "65001" -> StandardCharsets.UTF_8;
        case "CP936", "936", "GBK", "GB2312", "GB18030" -> Charset.forName("GB18030");
        default -> Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
      };
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(dbf, headerLength, dbf.length - headerLength));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException e) {
      return Charset.forName("GB18030"); // a superset of GBK and GB2312
    }
  }
}
