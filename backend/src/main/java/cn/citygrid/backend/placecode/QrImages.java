package cn.citygrid.backend.placecode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** QR codes as PNG (for screens and label printers) and as SVG paths (for printed sheets). */
final class QrImages {
  private QrImages() {}

  /**
   * Error correction M survives a worn or partly covered label; quiet zone of 4 modules (ISO/IEC 18004).
   * ZXing's reader, which the app scans with, cannot read about one code in thirty of its own writer's
   * perfect renderings when the data happens to imitate a finder pattern; each code is therefore read back
   * before it is issued, and when the chosen mask cannot be read another of the eight masks is used.
   */
  static BitMatrix matrix(String text) {
    BitMatrix first = encode(text, null);
    if (readsBack(first, text)) {
      return first;
    }
    for (int mask = 0; mask < 8; mask++) {
      BitMatrix m = encode(text, mask);
      if (readsBack(m, text)) {
        return m;
      }
    }
    throw new IllegalStateException("no QR mask pattern gives a readable code for " + text);
  }

  private static BitMatrix encode(String text, Integer mask) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    hints.put(EncodeHintType.MARGIN, 4);
    hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
    if (mask != null) {
      hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    }
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
    }
  }

  /**
   * Whether ZXing's QR reader finds {@code text} in the matrix drawn at 4 and at 8 pixels a module: a code the
   * reader misses usually reads at small scales and fails from about 5 pixels a module up, so both are tried.
   */
  static boolean readsBack(BitMatrix m, String text) {
    for (int scale : CHECK_SCALES) {
      int size = m.getWidth() * scale;
      int[] pixels = new int[size * size];
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          pixels[y * size + x] = m.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF;
        }
      }
      try {
        Result read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels))));
        if (!text.equals(read.getText())) {
          return false;
        }
      } catch (ReaderException e) {
        return false;
      }
    }
    return true;
  }

  private static final int[] CHECK_SCALES = {4, 8};

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

  /** An SVG path of the dark modules of a {@link #matrix}, in module units starting at (x, y), each module {@code size} wide. */
  static String svgPath(BitMatrix m, double x, double y, double size) {
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

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.3f", v);
  }
}
