package cn.citygrid.backend.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Source rows as shown back: by the mapping's fields first, by the shape of numbers elsewhere. */
class MaskingTest {
  static final JsonObject COLUMNS = new JsonObject().put("身份证号", "id_number").put("联系电话", "phone").put("姓名", "name")
      .put("法定代表人", "legal_rep_name");

  @Test
  void mappedCells_areMaskedByWhatTheyAre_howeverTheyAreWritten() {
    JsonObject row = new JsonObject().put("身份证号", "４４０３０４１９９０１２３１２３４ｘ").put("联系电话", "+86 138-0013-8000")
        .put("姓名", " 张 三丰").put("法定代表人", "李四");
    JsonObject shown = Masking.raw(row.encode(), COLUMNS, false);
    assertThat(shown.getString("身份证号")).isEqualTo("４４０３０４********２３４ｘ");
    assertThat(shown.getString("联系电话")).isEqualTo("+86****8000");
    assertThat(shown.getString("姓名")).isEqualTo("张***");
    assertThat(shown.getString("法定代表人")).isEqualTo("李*");
    assertThat(Masking.raw(row.encode(), COLUMNS, true).getString("法定代表人")).isEqualTo("李四");
  }

  @Test
  void cellsNoMappingNames_stillHaveIdAndMobileNumbersMasked() {
    JsonObject row = new JsonObject().put("备注", "本人 440304199012311234，电话 13800138000").put("户号", "A-17");
    JsonObject shown = Masking.raw(row.encode(), COLUMNS, false);
    assertThat(shown.getString("备注")).isEqualTo("本人 440304********1234，电话 138****8000");
    assertThat(shown.getString("户号")).isEqualTo("A-17");
  }
}
