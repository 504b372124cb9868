package org.lrpo.jobs.report;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.MetricSpec;
import org.lrpo.jobs.report.ReportContent.ModelSummary;

/**
 * One metric across models as an inline {@code <svg>}: a row per model (in table order, top to bottom), a dot
 * at its mean and a bar over its interval, so which model is better and whether the intervals overlap shows
 * at a glance. Dots and whiskers rather than bars: a bar's length from zero means nothing for PSNR or LPIPS,
 * and bootstrap intervals need not be symmetric, which {@code XYErrorRenderer} draws as given.
 */
public final class IntervalChartSvg {
    /** About a third of the page's column, so the text is drawn near the size it is shown at. */
    public static final int WIDTH = 360;
    private static final int FRAME_HEIGHT = 96;
    private static final int ROW_HEIGHT = 30;

    private IntervalChartSvg() {}

    /** The height drawn for {@code models} rows. */
    public static int height(int models) {
        return FRAME_HEIGHT + ROW_HEIGHT * Math.max(1, models);
    }

    /** {@code metric}'s mean and interval per model as an {@code <svg>} element with id {@code id}. */
    public static String render(MetricSpec metric, List<ModelSummary> models, String id) {
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        String[] names = new String[models.size()];
        for (int i = 0; i < models.size(); i++) {
            names[i] = models.get(i).model();
            // One series per model, so each keeps its colour; a missing mean leaves its row empty.
            XYIntervalSeries s = new XYIntervalSeries(i, false, true);
            Interval v = models.get(i).metrics().get(metric.key());
            if (v != null && Double.isFinite(v.mean())) {
                boolean bounded = Double.isFinite(v.low()) && Double.isFinite(v.high());
                s.add(i, i, i, v.mean(), bounded ? v.low() : v.mean(), bounded ? v.high() : v.mean());
            }
            data.addSeries(s);
        }
        SymbolAxis modelAxis = new SymbolAxis(null, names);
        modelAxis.setInverted(true);
        modelAxis.setGridBandsVisible(false);
        NumberAxis valueAxis = new NumberAxis(ReportFormat.direction(metric));
        valueAxis.setAutoRangeIncludesZero(false);

        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setCapLength(7);
        renderer.setErrorStroke(ChartStyle.line(2f));
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        XYPlot plot = new XYPlot(data, modelAxis, valueAxis, renderer);
        // Horizontal: models down the left, values along the bottom, as in a forest plot.
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart(metric.label() + " " + ReportFormat.arrow(metric), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        ChartStyle.apply(chart);
        // After the theme, which hands the plot its own colours.
        for (int i = 0; i < models.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.colour(i));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
        }
        plot.setDomainGridlinesVisible(false);
        modelAxis.setTickLabelPaint(Color.BLACK);
        modelAxis.setTickMarksVisible(false);
        modelAxis.setAxisLineVisible(false);
        return ChartStyle.toSvg(chart, WIDTH, height(models.size()), id,
                metric.label() + ", mean and interval per model");
    }
}
