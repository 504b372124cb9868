package org.lrpo.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The look the report's charts share (white background, light grid, one palette, the page's fonts) and
 * their export to an {@code <svg>} element that sits inline in the HTML and scales with the page.
 */
final class ChartStyle {
    /** The page's font stack; the SVG text uses it too, so charts and tables read alike. */
    static final String FONT_STACK = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";

    // Tableau 10: distinguishable for the common colour-vision deficiencies and in greyscale print.
    private static final Color[] PALETTE = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
        new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac)};
    private static final Color TEXT = new Color(0x1d1d1f);
    private static final Color MUTED = new Color(0x55595f);
    private static final Color GRID = new Color(0xe3e5e8);
    private static final Color AXIS = new Color(0xb0b4ba);

    // The opening tag's namespace declarations: HTML5 parses inline SVG into the right namespace without
    // them, and they would put URLs on a page that promises to load none.
    private static final Pattern NAMESPACE = Pattern.compile("\\s+xmlns(?::[A-Za-z]+)?='[^']*'");

    static {
        // The driver that draws the charts usually runs without a display; AWT must not look for one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartStyle() {}

    static Color colour(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    static BasicStroke line(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** Applies the shared fonts and colours; renderers' series colours are set by the caller afterwards. */
    static void apply(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("lrpo-report");
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        theme.setLargeFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        theme.setTitlePaint(TEXT);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setLegendItemPaint(TEXT);
        theme.setAxisLabelPaint(MUTED);
        theme.setTickLabelPaint(MUTED);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisOffset(RectangleInsets.ZERO_INSETS);
        theme.setShadowVisible(false);
        theme.apply(chart);

        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 4, 4, 10));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setHorizontalAlignment(HorizontalAlignment.LEFT);
            title.setPadding(new RectangleInsets(2, 4, 8, 2));
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 12));
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setOutlineVisible(false);
            plot.setDomainGridlineStroke(line(1f));
            plot.setRangeGridlineStroke(line(1f));
            axis(plot.getDomainAxis());
            axis(plot.getRangeAxis());
        }
    }

    private static void axis(ValueAxis axis) {
        axis.setAxisLinePaint(AXIS);
        axis.setTickMarkPaint(AXIS);
        axis.setTickMarkOutsideLength(3f);
    }

    /**
     * The chart drawn at {@code width x height} as an {@code <svg>} element with id {@code id} (also the prefix
     * of its clip-path ids, which must be unique on the page) and {@code label} for screen readers.
     */
    static String toSvg(JFreeChart chart, int width, int height, String id, String label) {
        if (!id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("not a usable element id: " + id);
        }
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        g.setFontFunction(family -> FONT_STACK);
        chart.draw(g, new Rectangle(0, 0, width, height));
        String svg = g.getSVGElement(id, false, new ViewBox(0, 0, width, height), null, null);
        int tagEnd = svg.indexOf('>');
        if (!svg.startsWith("<svg") || tagEnd < 0) {
            throw new IllegalStateException("JFreeSVG did not start with an <svg> element: "
                    + svg.substring(0, Math.min(80, svg.length())));
        }
        String tag = NAMESPACE.matcher(svg.substring(0, tagEnd)).replaceAll("");
        String attributes = " class='chart' role='img' aria-label='" + HtmlWriter.escape(label) + "'"
                + " width='" + width + "' height='" + height + "'"
                + " style='width:100%;height:auto;max-width:" + width + "px'";
        return tag + attributes + svg.substring(tagEnd);
    }
}
