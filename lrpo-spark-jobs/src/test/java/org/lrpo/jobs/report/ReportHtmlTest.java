package org.lrpo.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.lrpo.jobs.report.ReportContent.Chart;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.ModelSummary;
import org.lrpo.jobs.report.ReportContent.Series;
import org.w3c.dom.Document;

/** What a reader of {@code report.html} relies on, checked on the markup of a hand-made report. */
class ReportHtmlTest {
    private static final String HTML = ReportHtml.render(SampleReport.content());
    /** The page without its images' base64, which may spell anything ("NaN", "//x.yz/"). */
    private static final String TEXT = HTML.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]*", "data:");

    @Test
    void summaryComesFirstWithOneRowPerModel() {
        List<String> rows = rows(table(HTML, "summary"));
        assertEquals(List.of(SampleReport.INPUT, SampleReport.STAGE1, SampleReport.RL),
                rows.stream().map(r -> firstCell(r)).toList(), "one row per model, in order");
        assertTrue(HTML.indexOf("id=\"summary\"") < HTML.indexOf("<svg"), "the table before any chart");
        assertTrue(HTML.indexOf("id=\"summary\"") < HTML.indexOf("id=\"paired\""), "before the paired table");
        String header = table(HTML, "summary").substring(0, table(HTML, "summary").indexOf("</thead>"));
        assertTrue(header.contains("PSNR (dB) \u2191") && header.contains("LPIPS \u2193"), header);
    }

    @Test
    void summaryCellsShowMeanAndIntervalWithTheBestInBold() {
        List<String> rows = rows(table(HTML, "summary"));
        // PSNR: higher is better, lrpo-rl leads; LPIPS: lower is better, lrpo-rl leads too.
        assertTrue(rows.get(2).contains("<td><strong>26.02</strong> <span class=\"ci\">[25.71, 26.33]</span>"),
                rows.get(2));
        assertTrue(rows.get(2).contains("<strong>0.205</strong>"), rows.get(2));
        assertFalse(rows.get(0).contains("<strong>"), "the input row leads no column: " + rows.get(0));
    }

    @Test
    void nanShowsAsADash() {
        List<String> cells = cells(rows(table(HTML, "summary")).get(0));
        // model, faces, samples, then the metrics: identity is the fifth.
        assertEquals("\u2013", cells.get(3 + 4), "input's identity: " + cells);
        assertTrue(HTML.contains("<span class=\"v\">\u2013</span>"), "the grid face without a value");
        assertFalse(TEXT.contains("NaN"), "no NaN anywhere, charts included");
    }

    @Test
    void pageLoadsNothingFromOutside() {
        // url(#clip) is an SVG clip path on the page itself; any other url( would be a fetch.
        assertFalse(Pattern.compile("(?i)https?://|//[a-z0-9.-]+\\.[a-z]{2,}/|url\\(\\s*['\"]?(?!#)|@import|<link|<script")
                .matcher(TEXT).find(), "a reference outside the page");
        Matcher src = Pattern.compile("(?i)\\s(src|href|xlink:href)\\s*=\\s*[\"']?([^\"'\\s>]{0,32})").matcher(HTML);
        int images = 0;
        while (src.find()) {
            String value = src.group(2);
            assertTrue(value.startsWith("data:image/png;base64,") || value.startsWith("#"),
                    src.group(1) + "=" + value);
            images += value.startsWith("data:") ? 1 : 0;
        }
        assertEquals(3 * 3 * SampleReport.CELLS_PER_ROW * 3 + 1, images, "every face and the side-by-side picture as a data: URI");
    }

    @Test
    void markupInContentIsEscaped() {
        String name = "rl <script>alert('x')</script> & co";
        String config = "lrpo { note = \"</pre><script>alert(1)</script>\" }";
        String html = ReportHtml.render(SampleReport.content(name, config));

        assertFalse(html.toLowerCase().contains("<script"), "an executable <script> element");
        assertTrue(html.contains("rl &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"), "the name as text");
        assertEquals(name, firstCell(rows(table(html, "summary")).get(2)).replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&"));
        Matcher pre = Pattern.compile("<pre class=\"config\">(.*?)</pre>", Pattern.DOTALL).matcher(html);
        assertTrue(pre.find(), "the configuration's <pre>");
        assertEquals(HtmlWriter.escape(config), pre.group(1), "the configuration, escaped, whole");
        assertFalse(pre.find(), "the configuration closed its <pre> early");
        assertTrue(html.contains("s3a://lrpo/ckpt/rl&amp;kl=0.05/best"), "the weights path escaped");
    }

    @Test
    void pairedDifferencesMarkIntervalsThatExcludeZero() {
        List<String> rows = rows(table(HTML, "paired"));
        assertEquals(11, rows.size(), "input has no identity, so no difference for it");
        assertTrue(rows.get(0).contains("stage1 \u2212 input") && rows.get(0).contains("\u25cf stage1 better"),
                rows.get(0));
        String lpips = rows.stream().filter(r -> r.contains("LPIPS")).reduce((a, b) -> b).orElseThrow();
        assertTrue(lpips.contains("\u25cf lrpo-rl better"), "lower LPIPS favours A: " + lpips);
        String psnr = rows.get(5);
        assertTrue(psnr.contains("lrpo-rl \u2212 stage1") && psnr.contains("[\u22120.16, 0.46]")
                && !psnr.contains("\u25cf"), "an interval across 0 is not marked: " + psnr);
    }

    @Test
    void strengthTableHasEachBinAndModel() {
        List<String> rows = rows(table(HTML, "by-strength"));
        assertEquals(6, rows.size(), "2 bins x 3 models");
        assertEquals("mild", firstCell(rows.get(0)));
        assertEquals("", firstCell(rows.get(1)), "the bin once per group");
        assertEquals("severe", firstCell(rows.get(3)));
        // lrpo-rl has the mild bin's best PSNR.
        assertEquals(List.of("lrpo-rl", "1\u2009240", "<strong>27.58</strong>"), cells(rows.get(2)).subList(1, 4));
    }

    @Test
    void smallFacesAreScaledUpPixelated() {
        assertTrue(HTML.contains("width=\"64\" height=\"64\" class=\"px\""), "2x, whole pixels");
        assertTrue(HTML.contains("img.px { image-rendering: pixelated; }"), "the style for them");
    }

    @Test
    void emptySectionsAreLeftOut() {
        ReportContent full = SampleReport.content();
        ModelSummary only = full.summaries().get(1);
        ReportContent one = new ReportContent("one model", full.metrics(), List.of(only), List.of(), List.of(),
                Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty(), full.provenance());
        String html = ReportHtml.render(one);

        assertEquals(1, rows(table(html, "summary")).size());
        for (String absent : List.of("id=\"paired\"", "id=\"by-strength\"", "<img", "s-faces", "s-training",
                "s-restore", "s-claims", "<strong>")) {
            assertFalse(html.contains(absent), absent + " with one model and nothing else");
        }
        assertTrue(html.contains("id=\"s-provenance\""), "provenance always");
    }

    @Test
    void chartsAreWellFormedInlineSvg() throws Exception {
        List<String> svgs = new ArrayList<>();
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(HTML);
        while (m.find()) {
            svgs.add(m.group());
        }
        assertEquals(SampleReport.METRICS.size() + 2, svgs.size(), "interval charts and training charts");
        List<String> ids = new ArrayList<>();
        for (String svg : svgs) {
            assertTrue(svg.matches("(?s)<svg [^>]*viewBox='0\\.0 0\\.0 \\d+\\.0 \\d+\\.0'[^>]*>.*"), "viewBox");
            assertTrue(svg.contains("width:100%;height:auto;max-width:"), "scales with the page");
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", doc.getDocumentElement().getTagName());
            ids.add(doc.getDocumentElement().getAttribute("id"));
        }
        assertEquals(ids.size(), ids.stream().distinct().count(), "chart ids unique on the page: " + ids);
        assertFalse(HTML.contains("<?xml"), "no XML prolog inside HTML");
    }

    @Test
    void bandsAreDrawnWhereSeriesHaveASpread() {
        Series noBand = new Series("plain", new double[] {0, 1, 2}, new double[] {1, 2, 3}, new double[0]);
        Series band = new Series("band", new double[] {0, 1, 2}, new double[] {1, 2, 3}, new double[] {.5, .5, .5});
        String plain = ChartSvg.render(new Chart("t", "x", "y", List.of(noBand)), "a");
        String banded = ChartSvg.render(new Chart("t", "x", "y", List.of(band)), "b");
        // DeviationRenderer fills the band as a translucent polygon.
        assertTrue(banded.contains("fill-opacity: 0.18") || banded.contains("fill-opacity:0.18"), banded);
        assertFalse(plain.contains("Legend") || plain.contains(">plain<"), "no legend for one line");
        assertThrows(IllegalArgumentException.class, () -> ChartSvg.render(new Chart("t", "x", "y",
                List.of(new Series("bad", new double[] {0, 1}, new double[] {1, 2}, new double[] {1}))), "c"));
        String two = ChartSvg.render(new Chart("t", "x", "y", List.of(noBand, band)), "d");
        assertTrue(two.contains(">plain<") && two.contains(">band<"), "a legend naming both lines");
        // A bootstrap interval need not be symmetric: low and high as given.
        Series between = Series.between("ci", new double[] {0, 1, 2}, new double[] {1, 2, 3},
                new double[] {0.9, 1.2, 2.9}, new double[] {1.5, 2.1, 3.8});
        String asymmetric = ChartSvg.render(new Chart("t", "x", "y", List.of(between)), "e");
        assertTrue(asymmetric.contains("fill-opacity: 0.18") || asymmetric.contains("fill-opacity:0.18"), asymmetric);
        assertThrows(IllegalArgumentException.class, () -> ChartSvg.render(new Chart("t", "x", "y",
                List.of(Series.between("bad", new double[] {0, 1}, new double[] {1, 2}, new double[] {0, 1},
                        new double[] {2}))), "f"));
    }

    @Test
    void intervalChartSkipsAModelWithoutAMean() {
        Map<String, Interval> nan = Map.of("psnr", new Interval(Double.NaN, Double.NaN, Double.NaN, 0));
        List<ModelSummary> models = List.of(SampleReport.content().summaries().get(1),
                new ModelSummary("empty", "", "", 0, 1, nan));
        String svg = IntervalChartSvg.render(SampleReport.METRICS.get(0), models, "x");
        assertTrue(svg.contains(">empty<") && svg.contains(">stage1<"), "both rows labelled");
        assertFalse(svg.contains("NaN"), svg);
    }

    /** The markup of {@code <table id="id">...</table>}. */
    private static String table(String html, String id) {
        Matcher m = Pattern.compile("<table id=\"" + id + "\">.*?</table>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "no table " + id);
        return m.group();
    }

    private static List<String> rows(String table) {
        Matcher body = Pattern.compile("<tbody>(.*?)</tbody>", Pattern.DOTALL).matcher(table);
        assertTrue(body.find(), "no tbody");
        String rowsMarkup = body.group(1);
        assertFalse(body.find(), "one tbody");
        List<String> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr[ >].*?</tr>", Pattern.DOTALL).matcher(rowsMarkup);
        while (tr.find()) {
            rows.add(tr.group());
        }
        return rows;
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        Matcher c = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(row);
        while (c.find()) {
            cells.add(c.group(1));
        }
        return cells;
    }

    private static String firstCell(String row) {
        return cells(row).get(0);
    }
}
