package io.github.irq4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * A latency-by-percentile plot of HdrHistogram histograms, as HdrHistogram's own plotter draws one:
 * the x axis is {@code 1 / (1 - percentile)} on a log scale, labelled 0%, 90%, 99%, 99.9%, ... so
 * each decade of tail gets the same width; the y axis is the latency at that percentile, in
 * microseconds. One labelled line per histogram. Drawn with JFreeChart; PNG through its
 * {@link ChartUtils}, SVG through JFreeSVG.
 */
final class PercentilePlot {

    /** A line: its label and histogram (values in nanoseconds). */
    record Line(String label, Histogram histogram) {
    }

    /** The image formats, by file name extension. */
    enum Format { PNG, SVG }

    /** Points per halving of the distance to 100% (HdrHistogram's percentile iterator). */
    static final int TICKS_PER_HALF_DISTANCE = 5;

    private PercentilePlot() {
    }

    /**
     * The points of one line: (1 / (1 - percentile), latency in microseconds), up to the last
     * percentile below 100% (whose x would be infinite); the maximum is then drawn at the x of
     * one in {@code count} values, where the data ends.
     */
    static XYSeries series(String label, Histogram h) {
        XYSeries s = new XYSeries(label, false, true);
        double lastX = 1;
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            if (p >= 1.0) {
                break;
            }
            lastX = 1 / (1 - p);
            s.addOrUpdate(lastX, h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0);
        }
        double end = Math.max(lastX, h.getTotalCount());
        s.addOrUpdate(end, h.getMaxValue() / 1000.0);
        return s;
    }

    /** The chart of the lines. */
    static JFreeChart chart(String title, List<Line> lines, boolean logLatency) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line l : lines) {
            data.addSeries(series(l.label(), l.histogram()));
        }
        LogAxis x = new LogAxis("percentile");
        x.setBase(10);
        x.setTickUnit(new NumberTickUnit(1.0));   // one tick per decade of 1 / (1 - percentile)
        x.setNumberFormatOverride(new PercentileFormat());
        x.setLowerBound(1);
        x.setUpperBound(Math.max(10, Math.pow(10, Math.ceil(Math.log10(maxX(data))))));
        x.setMinorTickMarksVisible(false);
        ValueAxis y;
        if (logLatency) {
            LogAxis ly = new LogAxis("latency (us, log scale)");
            ly.setBase(10);
            ly.setSmallestValue(0.01);
            ly.setTickUnit(new NumberTickUnit(1.0));   // one tick per decade: 0.1, 1, 10, 100 us
            ly.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
            y = ly;
        } else {
            NumberAxis ny = new NumberAxis("latency (us)");
            ny.setAutoRangeIncludesZero(true);
            y = ny;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 28));   // room for the last percentile label
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    private static double maxX(XYSeriesCollection data) {
        double m = 10;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            m = Math.max(m, data.getSeries(i).getMaxX());
        }
        return m;
    }

    /** The image bytes of the chart. */
    static byte[] render(JFreeChart chart, Format format, int width, int height) throws IOException {
        return switch (format) {
            case PNG -> {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                ChartUtils.writeChartAsPNG(buf, chart, width, height);
                yield buf.toByteArray();
            }
            case SVG -> {
                SVGGraphics2D g = new SVGGraphics2D(width, height);
                chart.draw(g, new Rectangle(0, 0, width, height));
                yield g.getSVGDocument().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        };
    }

    /**
     * Labels a tick at {@code 1 / (1 - p)} with the percentile p: 1 is 0%, 10 is 90%, 100 is 99%,
     * 1000 is 99.9%, and so on, with exactly the digits the decade needs.
     */
    static final class PercentileFormat extends NumberFormat {
        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            if (!(number >= 1)) {
                return to.append("");
            }
            BigDecimal percent = BigDecimal.valueOf(100).subtract(BigDecimal.valueOf(100.0 / number));
            int decades = (int) Math.round(Math.log10(number));
            int scale = Math.max(0, decades - 2);
            return to.append(percent.setScale(scale, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()).append('%');
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return format((double) number, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("labels only");
        }
    }
}
