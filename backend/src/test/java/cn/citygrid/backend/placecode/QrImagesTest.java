package cn.citygrid.backend.placecode;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.placecode.PlaceCode;
import cn.citygrid.sync.protocol.placecode.PlaceCodes;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrImagesTest {
  /**
   * Signed codes of real shape: each signature is new, so the data differs from code to code. With ZXing's
   * chosen mask alone about one in thirty of these PNGs could not be read (NotFound/Checksum on a perfect image).
   */
  @Test
  void everyIssuedPngReadsBackWithZxing() throws IOException {
    Sm2KeyPair key = Sm2.generateKeyPair();
    List<String> unreadable = new ArrayList<>();
    for (int id : IntStream.range(0, 300).toArray()) {
      String text = PlaceCodes.issue(key.privateKey(),
          new PlaceCode(PlaceCode.Kind.HOUSE, String.valueOf(100_000 + id), LocalDate.of(2026, 11, 27), key.publicKey().keyId()));
      var image = ImageIO.read(new ByteArrayInputStream(QrImages.png(text, 8)));
      try {
        String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
        if (!read.equals(text)) {
          unreadable.add(text + " read as " + read);
        }
      } catch (ReaderException e) {
        unreadable.add(text + ": " + e);
      }
    }
    assertThat(unreadable).isEmpty();
  }

  @Test
  void aQuietZoneOfFourModulesSurroundsTheCode() {
    var m = QrImages.matrix("CG1.x");
    int[] box = m.getEnclosingRectangle();
    assertThat(box[0]).isEqualTo(4);
    assertThat(box[1]).isEqualTo(4);
    assertThat(m.getWidth() - box[0] - box[2]).isEqualTo(4);
  }
}
