package cn.citygrid.mobile.testing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pictures the scripted camera returns: a photographed QR code (on a grey background, slightly rotated), a photo. */
public final class Pictures {
    private Pictures() {
    }

    public static Path qr(Path dir, String name, String text) {
        try {
            // A signed code is long (a dense QR version) and its signature differs on every run: at 420 px a
            // rotated code was sometimes too coarse to find (about 4 px per module); 600 px keeps about 6.
            BufferedImage code = MatrixToImageWriter.toBufferedImage(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 600, 600));
            BufferedImage photo = new BufferedImage(900, 900, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = photo.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(new Color(128, 132, 140));
            g.fillRect(0, 0, 900, 900);
            g.rotate(Math.toRadians(8), 450, 450);
            g.drawImage(code, 150, 150, null);
            g.dispose();
            Path file = dir.resolve(name + ".png");
            ImageIO.write(photo, "png", file.toFile());
            return file;
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 800×600 JPEG "photo" of a door. */
    public static Path photo(Path dir, String name) {
        return door(dir, name, "jpg");
    }

    /** The same picture as a GIF, a media type the platform does not take for attachments. */
    public static Path gif(Path dir, String name) {
        return door(dir, name, "gif");
    }

    private static Path door(Path dir, String name, String format) {
        try {
            BufferedImage img = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(200, 190, 170));
            g.fillRect(0, 0, 800, 600);
            g.setColor(new Color(120, 70, 40));
            g.fillRect(300, 120, 200, 420);
            g.dispose();
            Path file = dir.resolve(name + "." + format);
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
