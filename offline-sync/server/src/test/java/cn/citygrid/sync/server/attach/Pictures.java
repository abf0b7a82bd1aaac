package cn.citygrid.sync.server.attach;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Pictures made in the test: a gradient with shapes and some noise, encoded by ImageIO. */
final class Pictures {
    private Pictures() {
    }

    static byte[] encode(int w, int h, String format, boolean alpha, long seed) {
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160, alpha ? 120 : 255), w, h, new Color(220, 180, 60)));
        g.fillRect(0, 0, w, h);
        Random r = new Random(seed);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillOval(r.nextInt(w), r.nextInt(h), 1 + r.nextInt(Math.max(1, w / 4)), 1 + r.nextInt(Math.max(1, h / 4)));
        }
        g.dispose();
        for (int i = 0; i < w * h / 8; i++) { // sensor-like noise so JPEG sizes resemble photos
            int x = r.nextInt(w);
            int y = r.nextInt(h);
            img.setRGB(x, y, img.getRGB(x, y) ^ (r.nextInt(0x20) * 0x010101));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
