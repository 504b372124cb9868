package org.lrpo.jobs.report;

import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.lrpo.jobs.report.ReportContent.Chart;
import org.lrpo.jobs.report.ReportContent.Series;

/**
 * A {@link Chart} as an inline {@code <svg>} line chart (JFreeChart, drawn by JFreeSVG): one line per series,
 * a translucent band of {@code y ± spread} or from {@code low} to {@code high} where a series has one, a legend
 * when there is more than one line. Points whose x, y or band is not a finite number are left out rather than
 * drawn at a made-up place. Whole-number x values (rounds, steps) get whole-number ticks.
 */
public final class ChartSvg {
    /** Drawing size; the page scales the SVG down to its column. */
    public static final int WIDTH = 560;
    public static final int HEIGHT = 300;
    private static final float BAND_ALPHA = 0.18f;

    private ChartSvg() {}

    /** The chart as an {@code <svg>} element with id {@code id} (unique on the page). */
    public static String render(Chart chart, String id) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        List<Series> lines = chart.series();
        for (int i = 0; i < lines.size(); i++) {
            data.addSeries(series(lines.get(i), i));
        }
        JFreeChart jfc = ChartFactory.createXYLineChart(chart.title(), chart.xLabel(), chart.yLabel(), data,
                PlotOrientation.VERTICAL, lines.size() > 1, false, false);
        ChartStyle.apply(jfc);
        XYPlot plot = jfc.getXYPlot();
        NumberAxis xAxis = (NumberAxis) plot.getDomainAxis();
        xAxis.setAutoRangeIncludesZero(false);
        if (lines.stream().allMatch(s -> wholeNumbers(s.x()))) {
            xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(BAND_ALPHA);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.colour(i));
            renderer.setSeriesFillPaint(i, ChartStyle.colour(i));
            renderer.setSeriesStroke(i, ChartStyle.line(1.8f));
        }
        renderer.setLegendItemLabelGenerator((dataset, series) -> lines.get(series).name());
        plot.setRenderer(renderer);
        return ChartStyle.toSvg(jfc, WIDTH, HEIGHT, id, chart.title());
    }

    private static YIntervalSeries series(Series s, int index) {
        if (s.x().length != s.y().length) {
            throw new IllegalArgumentException("series '" + s.name() + "': " + s.x().length + " x values but "
                    + s.y().length + " y values");
        }
        boolean band = given(s.spread());
        if (band && s.spread().length != s.y().length) {
            throw new IllegalArgumentException("series '" + s.name() + "': " + s.spread().length
                    + " spread values for " + s.y().length + " points");
        }
        boolean bounds = given(s.low()) || given(s.high());
        if (bounds && (!given(s.low()) || !given(s.high()) || s.low().length != s.y().length
                || s.high().length != s.y().length)) {
            throw new IllegalArgumentException("series '" + s.name() + "': a band needs low and high values for "
                    + "each of its " + s.y().length + " points");
        }
        // Keys must differ within a collection; two runs may well name their series alike.
        YIntervalSeries out = new YIntervalSeries(index + ":" + s.name(), true, true);
        for (int i = 0; i < s.y().length; i++) {
            double x = s.x()[i];
            double y = s.y()[i];
            double spread = band ? Math.abs(s.spread()[i]) : 0;
            double low = bounds ? s.low()[i] : y - spread;
            double high = bounds ? s.high()[i] : y + spread;
            if (Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(low) && Double.isFinite(high)) {
                out.add(x, y, low, high);
            }
        }
        return out;
    }

    private static boolean given(double[] values) {
        return values != null && values.length > 0;
    }

    private static boolean wholeNumbers(double[] x) {
        for (double v : x) {
            if (Double.isFinite(v) && v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }
}
