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
 * a translucent band of {@code y ± spread} where a series has a spread, a legend when there is more than one
 * line. Points whose x, y or spread is not a finite number are left out rather than drawn at a made-up place.
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
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
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
        boolean band = s.spread() != null && s.spread().length > 0;
        if (band && s.spread().length != s.y().length) {
            throw new IllegalArgumentException("series '" + s.name() + "': " + s.spread().length
                    + " spread values for " + s.y().length + " points");
        }
        // Keys must differ within a collection; two runs may well name their series alike.
        YIntervalSeries out = new YIntervalSeries(index + ":" + s.name(), true, true);
        for (int i = 0; i < s.y().length; i++) {
            double x = s.x()[i];
            double y = s.y()[i];
            double spread = band ? s.spread()[i] : 0;
            if (Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(spread)) {
                out.add(x, y, y - Math.abs(spread), y + Math.abs(spread));
            }
        }
        return out;
    }
}
