package cn.citygrid.mobile.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
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
        try {
            Result r = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
            return Optional.of(r.getText());
        } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
            return Optional.empty();
        }
    }
}
