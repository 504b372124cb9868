package org.lrpo.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.jobs.testing.BrowserCheck;

/**
 * {@code report.html} in a real browser (headless Chromium): it loads nothing from anywhere, every face and
 * chart is drawn at a visible size, the summary has a row per model, content strings stay text, and the page
 * is not blank. The screenshot and the page are left in {@code target/} for a person to look at.
 */
class ReportBrowserTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 3000;

    @TempDir
    static Path work;
    static Path page;

    @BeforeAll
    static void render() throws Exception {
        BrowserCheck.requireChromium();
        page = work.resolve("report.html");
        Files.writeString(page, ReportHtml.render(SampleReport.content()), StandardCharsets.UTF_8);
        Files.copy(page, target("report-sample.html"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void everyImageAndChartRendersFromThePageAlone() throws Exception {
        JsonNode r = BrowserCheck.probe(page, Map.of("summaryRows", "table#summary > tbody > tr",
                "scripts", "script"), WIDTH, HEIGHT, work);

        assertEquals(0, r.get("failed").size(), "failed loads: " + r.get("failed"));
        assertEquals(0, r.get("external").size(), "fetched from outside the page: " + r.get("external"));
        assertEquals(0, r.get("linkedStyleSheets").asInt(), "linked style sheets");
        int cellsPerModel = 3 * SampleReport.CELLS_PER_ROW;
        assertEquals(3 * cellsPerModel * 3 + 1, r.get("images").size(), "LQ | output | GT per face, side by side");
        for (JsonNode img : r.get("images")) {
            if (img.get("alt").asText().startsWith("side by side")) {
                assertTrue(img.get("complete").asBoolean() && img.get("width").asDouble() > 100, "drawn: " + img);
                continue;
            }
            assertTrue(img.get("dataUri").asBoolean() && img.get("complete").asBoolean()
                    && img.get("naturalWidth").asInt() == SampleReport.FACE_SIZE, "decoded: " + img);
            // 32-px faces are shown at twice their size.
            assertEquals(2.0 * SampleReport.FACE_SIZE, img.get("width").asDouble(), 0.5, "width: " + img);
            assertTrue(img.get("height").asDouble() > 0, "height: " + img);
        }
        int charts = SampleReport.METRICS.size() + 2;
        assertEquals(charts, r.get("svgs").size(), "interval charts and training charts");
        for (JsonNode svg : r.get("svgs")) {
            assertTrue(svg.get("width").asDouble() > 100 && svg.get("height").asDouble() > 50, "drawn: " + svg);
        }
        assertEquals(3, r.get("counts").get("summaryRows").asInt(), "one summary row per model");
        assertEquals(1, r.get("counts").get("scripts").asInt(), "the probe is the only script");
    }

    @Test
    void markupInContentStaysTextInTheBrowser() throws Exception {
        String name = "rl <script>document.title='owned'</script><img src=x onerror=alert(1)>";
        Path hostile = work.resolve("hostile.html");
        Files.writeString(hostile, ReportHtml.render(SampleReport.content(name, "a = \"</pre><script>x()</script>\"")),
                StandardCharsets.UTF_8);

        JsonNode r = BrowserCheck.probe(hostile, Map.of("scripts", "script", "summaryRows",
                "table#summary > tbody > tr", "configs", "pre.config"), WIDTH, HEIGHT, work);

        assertEquals(1, r.get("counts").get("scripts").asInt(), "only the probe's script is an element");
        assertEquals(3, r.get("counts").get("summaryRows").asInt(), "rows");
        assertEquals(1, r.get("counts").get("configs").asInt(), "the configuration stays in its one <pre>");
        assertEquals(0, r.get("failed").size(), "no injected <img> tried to load: " + r.get("failed"));
        for (JsonNode img : r.get("images")) {
            assertTrue(img.get("dataUri").asBoolean(), "only the faces are images: " + img);
        }
    }

    @Test
    void screenshotShowsAPage() throws Exception {
        Path png = work.resolve("report.png");
        BufferedImage shot = BrowserCheck.screenshot(page, png, WIDTH, HEIGHT, work);
        Files.copy(png, target("report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);

        assertEquals(WIDTH, shot.getWidth(), "screenshot width");
        assertTrue(BrowserCheck.looksRendered(shot, 20, 500), "the screenshot looks blank");
        // The same measure rejects a blank page, so the line above can fail.
        assertFalse(BrowserCheck.looksRendered(new BufferedImage(WIDTH, 400, BufferedImage.TYPE_INT_RGB), 20, 500));
    }

    private static Path target(String name) throws Exception {
        Path dir = Path.of(System.getProperty("basedir", "."), "target");
        Files.createDirectories(dir);
        return dir.resolve(name);
    }
}
