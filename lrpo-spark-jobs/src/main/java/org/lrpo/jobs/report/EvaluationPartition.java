package org.lrpo.jobs.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.degrade.Degradation;
import org.lrpo.core.degrade.Degraded;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.ImageDecodeException;
import org.lrpo.core.image.Resizer;
import org.lrpo.core.image.RgbImage;
import org.lrpo.jobs.train.RewardFactory;
import org.lrpo.jobs.train.RunSpec;

/**
 * One task of a full-reference report: each held-out face of the partition ({@code id}, {@code hq_png}) is degraded
 * by the seeded pipeline (run seed, face id, configured round), restored by stage 1 and by every policy
 * ({@code samples} times each), and every restoration (and the degraded input) scored against the face; out come
 * {@link ImageRows}. Faces go through in passes of {@link EvaluationChain#FACES_PER_PASS}, so a task holds a pass's
 * images, never the partition's.
 */
final class EvaluationPartition implements MapPartitionsFunction<Row, Row> {
    private final RunSpec spec;
    private final ReportSettings settings;
    private final MetricColumns columns;
    private final RewardFactory rewards;
    private final Broadcast<EvaluatedModels> models;

    EvaluationPartition(RunSpec spec, ReportSettings settings, MetricColumns columns, RewardFactory rewards,
                        Broadcast<EvaluatedModels> models) {
        this.spec = spec;
        this.settings = settings;
        this.columns = columns;
        this.rewards = rewards;
        this.models = models;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> faces) {
        LrpoSettings s = spec.settings();
        EvaluationChain chain = EvaluationChain.get(models.value(), s);
        ImageScorer scorer = ImageScorer.get(spec.runKey(), columns, settings.fidelity(), rewards, s);
        ImageCodec codec = ImageCodec.defaults();
        return new Iterator<>() {
            private final List<Row> ready = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == ready.size() && faces.hasNext()) {
                    ready.clear();
                    next = 0;
                    List<Row> pass = new ArrayList<>();
                    while (faces.hasNext() && pass.size() < EvaluationChain.FACES_PER_PASS) {
                        pass.add(faces.next());
                    }
                    ready.addAll(evaluate(pass, chain, scorer, codec, s));
                }
                return next < ready.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.get(next++);
            }
        };
    }

    private List<Row> evaluate(List<Row> pass, EvaluationChain chain, ImageScorer scorer, ImageCodec codec,
                               LrpoSettings s) {
        List<String> ids = new ArrayList<>();
        List<RgbImage> truth = new ArrayList<>();
        List<Degraded> degraded = new ArrayList<>();
        for (Row r : pass) {
            String id = r.getString(0);
            RgbImage hq;
            try {
                hq = codec.decode((byte[]) r.get(1), id);
            } catch (ImageDecodeException e) {
                // The dataset's own images were decoded and re-encoded by ingest: one that fails now is damage.
                throw new IllegalStateException("face " + id + " of the dataset cannot be decoded: " + e.getMessage(), e);
            }
            ids.add(id);
            truth.add(hq);
            degraded.add(Degradation.apply(hq, s.degradation().preset(), s.run().seed(), id, settings.degradationRound()));
        }
        List<RgbImage> lq = degraded.stream().map(Degraded::lq).toList();
        List<RgbImage> conditions = chain.stage1(lq);
        List<Row> out = new ArrayList<>();
        add(out, EvaluatedModels.INPUT, 0, ids, lq, truth, degraded, scorer, true);
        add(out, EvaluatedModels.STAGE1, 0, ids, conditions, truth, degraded, scorer, false);
        for (EvaluatedModels.Policy p : models.value().policies()) {
            for (int k = 0; k < settings.samples(); k++) {
                add(out, p.name(), k, ids, chain.restore(p.name(), conditions, ids, k), truth, degraded, scorer, false);
            }
        }
        return out;
    }

    private void add(List<Row> out, String model, int sample, List<String> ids, List<RgbImage> restored,
                     List<RgbImage> truth, List<Degraded> degraded, ImageScorer scorer, boolean withTruth) {
        double[][] values = scorer.score(restored, truth);
        for (int i = 0; i < ids.size(); i++) {
            out.add(ImageRows.of(ids.get(i), model, sample, degraded.get(i).params(), values[i],
                    thumbnail(restored.get(i)), withTruth ? thumbnail(truth.get(i)) : null));
        }
    }

    /** PNG of {@code image} with its longer side at most {@code thumbnail-px} (never enlarged). */
    private byte[] thumbnail(RgbImage image) {
        int side = Math.max(image.width(), image.height());
        if (side <= settings.thumbnailPx()) {
            return ImageCodec.encodePng(image);
        }
        double f = (double) settings.thumbnailPx() / side;
        return ImageCodec.encodePng(Resizer.resize(image, Math.max(1, (int) Math.round(image.width() * f)),
                Math.max(1, (int) Math.round(image.height() * f)), Resizer.Filter.BICUBIC));
    }
}
