package cn.citygrid.sync.server.attach;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG thumbnails whose longest side is 256 and 1024 px (never enlarged), decoded with javax.imageio. Formats the
 * JDK cannot read (HEIC, WebP) or broken files give no thumbnails rather than an error. Large pictures are decoded
 * subsampled so the decoded raster stays under ~2048 px on its longest side: memory is bounded by the file, not
 * by the pixel count it claims. EXIF orientation is not applied.
 */
final class Thumbnails {
    static final List<Integer> SIZES = List.of(256, 1024);
    private static final float QUALITY = 0.85f;

    private Thumbnails() {
    }

    /** px → JPEG bytes, for every size in {@link #SIZES}; empty when the image cannot be decoded. */
    static Map<Integer, byte[]> of(InputStream in) throws IOException {
        BufferedImage image = decode(in, SIZES.get(SIZES.size() - 1));
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        if (image != null) {
            for (int px : SIZES) {
                out.put(px, jpeg(fit(image, px)));
            }
        }
        return out;
    }

    /** Decoded image whose longest side is at least {@code atLeast} (when the original is); null if unreadable. */
    private static BufferedImage decode(InputStream in, int atLeast) throws IOException {
        try (ImageInputStream iis = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                int step = Math.max(1, Math.max(reader.getWidth(0), reader.getHeight(0)) / atLeast);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                return null; // a corrupt or exotic file: no thumbnail, the attachment itself is fine
            } finally {
                reader.dispose();
            }
        }
    }

    /** Scaled so the longest side is {@code px} (or unchanged if smaller), in halving steps, as opaque RGB. */
    static BufferedImage fit(BufferedImage src, int px) {
        int w = src.getWidth();
        int h = src.getHeight();
        int longest = Math.max(w, h);
        int tw = longest <= px ? w : (w >= h ? px : Math.max(1, Math.round(w * (float) px / h)));
        int th = longest <= px ? h : (h > w ? px : Math.max(1, Math.round(h * (float) px / w)));
        BufferedImage current = src;
        while (current.getWidth() / 2 >= tw && current.getHeight() / 2 >= th) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return draw(current, tw, th);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, Color.WHITE, null); // transparent PNG areas become white
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
