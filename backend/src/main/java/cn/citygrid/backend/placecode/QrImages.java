package cn.citygrid.backend.placecode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** QR codes as PNG (for screens and label printers) and as SVG paths (for printed sheets). */
final class QrImages {
  private QrImages() {}

  /** Error correction M survives a worn or partly covered label; quiet zone of 2 modules. */
  static BitMatrix matrix(String text) {
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2,
              EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
    }
  }

  static byte[] png(String text, int modulePixels) {
    BitMatrix m = matrix(text);
    BufferedImage image = new BufferedImage(m.getWidth() * modulePixels, m.getHeight() * modulePixels,
        BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, m.get(x / modulePixels, y / modulePixels) ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An SVG path of the dark modules, in module units starting at (x, y), each module {@code size} wide. */
  static String svgPath(String text, double x, double y, double size) {
    BitMatrix m = matrix(text);
    StringBuilder d = new StringBuilder();
    for (int row = 0; row < m.getHeight(); row++) {
      for (int col = 0; col < m.getWidth(); col++) {
        if (m.get(col, row)) {
          d.append('M').append(fmt(x + col * size)).append(' ').append(fmt(y + row * size))
              .append('h').append(fmt(size)).append('v').append(fmt(size)).append('h').append(fmt(-size)).append('z');
        }
      }
    }
    return "<path fill=\"#000\" d=\"" + d + "\"/>";
  }

  static int modules(String text) {
    return matrix(text).getWidth();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.3f", v);
  }
}
