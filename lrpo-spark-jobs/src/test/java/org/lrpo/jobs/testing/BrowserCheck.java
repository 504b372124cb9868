package org.lrpo.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Looks at an HTML file the way a person would: in a real browser, Debian's headless Chromium. Takes a
 * screenshot, and runs a probe that reports, after the page loaded, each image's and SVG's rendered size,
 * every resource the page fetched that was not a {@code data:} URI, every failed load and the number of
 * elements matching given selectors. Each Chromium gets a fresh profile and is killed after
 * {@link #TIMEOUT_SECONDS}; host names resolve to nothing, so a page that tries to load from the network fails
 * the probe instead of reaching it.
 */
public final class BrowserCheck {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final long TIMEOUT_SECONDS = 60;
    private static final Pattern RESULT = Pattern.compile("<pre id=\"lrpo-check\">(.*?)</pre>", Pattern.DOTALL);

    // Injected first in <head>, so the capturing error listener sees failed loads of everything after it.
    private static final String PROBE = """
            <script>
            (function () {
              var failed = [];
              window.addEventListener('error', function (e) {
                var t = e.target;
                if (t && t !== window) { failed.push(t.tagName + ' ' + String(t.src || t.href || '').slice(0, 80)); }
              }, true);
              window.addEventListener('load', function () {
                var r = {failed: failed, external: [], images: [], svgs: [], counts: {}, linkedStyleSheets: 0};
                performance.getEntriesByType('resource').forEach(function (e) {
                  if (e.name.indexOf('data:') !== 0) { r.external.push(e.name); }
                });
                Array.prototype.forEach.call(document.styleSheets, function (s) { if (s.href) { r.linkedStyleSheets++; } });
                document.querySelectorAll('img').forEach(function (img) {
                  var b = img.getBoundingClientRect();
                  r.images.push({alt: img.alt, complete: img.complete, naturalWidth: img.naturalWidth,
                                 width: b.width, height: b.height, dataUri: img.src.indexOf('data:') === 0});
                });
                document.querySelectorAll('svg').forEach(function (svg) {
                  var b = svg.getBoundingClientRect();
                  r.svgs.push({id: svg.id, width: b.width, height: b.height});
                });
                var selectors = SELECTORS;
                Object.keys(selectors).forEach(function (k) {
                  r.counts[k] = document.querySelectorAll(selectors[k]).length;
                });
                var pre = document.createElement('pre');
                pre.id = 'lrpo-check';
                pre.textContent = JSON.stringify(r);
                document.body.appendChild(pre);
              });
            })();
            </script>
            """;

    private BrowserCheck() {}

    /** Fails, naming the package to install, when Chromium is not there: CI installs it, so its absence is a bug. */
    public static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError(CHROMIUM + " not found: the browser tests need Debian's Chromium "
                    + "(apt-get install chromium; .ci/run installs it)");
        }
    }

    /** A {@code width x height} screenshot of the page's top (the window, not the whole page), written to {@code png}. */
    public static BufferedImage screenshot(Path html, Path png, int width, int height, Path workDir)
            throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(workDir, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                html.toUri().toString()));
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("Chromium wrote no screenshot to " + png);
        }
        return ImageIO.read(png.toFile());
    }

    /**
     * Loads a copy of the page with the probe added and returns its report: {@code failed}, {@code external},
     * {@code linkedStyleSheets}, {@code images} and {@code svgs} (rendered sizes), and {@code counts}, the number
     * of elements matching each of {@code selectors} (name to CSS selector).
     */
    public static JsonNode probe(Path html, Map<String, String> selectors, int width, int height, Path workDir)
            throws IOException, InterruptedException {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        if (!page.contains("<head>")) {
            throw new AssertionError("no <head> to add the probe to in " + html);
        }
        ObjectMapper json = new ObjectMapper();
        String script = PROBE.replace("SELECTORS", json.writeValueAsString(selectors));
        Path probed = workDir.resolve("probed-" + html.getFileName());
        Files.writeString(probed, page.replaceFirst("<head>", Matcher.quoteReplacement("<head>" + script)),
                StandardCharsets.UTF_8);
        String dom = run(workDir, List.of("--dump-dom", "--virtual-time-budget=5000",
                "--window-size=" + width + "," + height, probed.toUri().toString()));
        Matcher m = RESULT.matcher(dom);
        if (!m.find()) {
            throw new AssertionError("the probe left no result in the DOM (did the page load?); DOM starts: "
                    + dom.substring(0, Math.min(500, dom.length())));
        }
        // --dump-dom serialises text with &, < and > escaped; & last, so "&amp;lt;" stays "&lt;".
        String text = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0")
                .replace("&amp;", "&");
        return json.readTree(text);
    }

    /** Whether a screenshot shows something: luminance varies and there are many colours, not a blank page. */
    public static boolean looksRendered(BufferedImage image, double minLuminanceStd, int minColours) {
        Set<Integer> colours = new HashSet<>();
        double sum = 0;
        double sumSq = 0;
        long n = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                double l = 0.2126 * (rgb >> 16) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff);
                sum += l;
                sumSq += l * l;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        return std >= minLuminanceStd && colours.size() >= minColours;
    }

    /** Runs Chromium headless with {@code arguments} and a fresh profile; returns its standard output. */
    private static String run(Path workDir, List<String> arguments) throws IOException, InterruptedException {
        requireChromium();
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        Path out = Files.createTempFile(workDir, "chromium-", ".out");
        Path err = Files.createTempFile(workDir, "chromium-", ".err");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--mute-audio",
                "--host-resolver-rules=MAP * ~NOTFOUND"));
        command.addAll(arguments);
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // Its renderer and GPU processes first: they outlive a killed browser process otherwise.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command
                    + "\n" + tail(err));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("Chromium exited with " + p.exitValue() + ": " + command + "\n" + tail(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String tail(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }
}
