package cn.citygrid.mobile.qr;

import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Reads a QR code from a photo with ZXing: how the app scans, since Attach's barcode-scan service is not on Maven
 * Central. {@code TRY_HARDER} copes with rotated, noisy camera pictures.
 */
public final class QrImages {
    private QrImages() {
    }

    /** The text of the QR code in the picture, or empty when none is found. */
    public static Optional<String> decode(Path picture) throws IOException {
        BufferedImage image = ImageIO.read(picture.toFile());
        if (image == null) {
            throw new IOException("not a picture: " + picture.getFileName());
        }
        for (double scale : SCALES) {
            Optional<String> text = read(scale == 1 ? image : scaled(image, scale));
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    /**
     * The picture as taken, then smaller copies. ZXing's detector misses about one dense code in a hundred at
     * 6 px a module that it reads at 3 (a finder pattern imitated by the data); a smaller copy finds it.
     */
    private static final double[] SCALES = {1, 0.5, 0.7, 0.35};

    private static Optional<String> read(BufferedImage image) {
        BufferedImageLuminanceSource luminance = new BufferedImageLuminanceSource(image);
        // The local-threshold binarizer suits uneven light; the global one sometimes finds a dense code
        // the first misses (one in twenty-odd of our tilted test photos), so it gets a second look.
        for (Binarizer binarizer : new Binarizer[] {new HybridBinarizer(luminance), new GlobalHistogramBinarizer(luminance)}) {
            try {
                Result r = new QRCodeReader().decode(new BinaryBitmap(binarizer), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
                return Optional.of(r.getText());
            } catch (NotFoundException | ChecksumException | FormatException e) {
                // try the next binarizer
            }
        }
        return Optional.empty();
    }

    private static BufferedImage scaled(BufferedImage image, double scale) {
        BufferedImage copy = new BufferedImage((int) (image.getWidth() * scale), (int) (image.getHeight() * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, copy.getWidth(), copy.getHeight(), null);
        g.dispose();
        return copy;
    }
}
