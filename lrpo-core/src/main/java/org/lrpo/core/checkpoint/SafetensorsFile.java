package org.lrpo.core.checkpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lrpo.core.optim.NamedTensor;
import org.lrpo.core.optim.ParameterLayout;

/**
 * The contents of a safetensors file as {@link SafetensorsReader} found them: every tensor's header
 * (in data order), the float32 tensors' values, and the {@code __metadata__} strings.
 *
 * @param source where the file came from, for messages
 */
public record SafetensorsFile(String source, List<Header> headers, Map<String, float[]> f32Values,
        Map<String, String> metadata) {

    /** One tensor's header entry. Offsets are relative to the start of the data section. */
    public record Header(String name, String dtype, int[] shape, long begin, long end) {
        public Header {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public String shapeString() {
            return ParameterLayout.shapeString(shape);
        }
    }

    public SafetensorsFile {
        headers = List.copyOf(headers);
        f32Values = Map.copyOf(f32Values);
        metadata = Map.copyOf(metadata);
    }

    public Optional<Header> header(String name) {
        return headers.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The float32 tensor called {@code name}; a {@link CheckpointMismatchException} naming it if absent or not F32. */
    public NamedTensor tensor(String name) throws CheckpointMismatchException {
        Header h = header(name).orElseThrow(() ->
                new CheckpointMismatchException(source + ": no tensor named " + name));
        float[] values = f32Values.get(name);
        if (values == null) {
            throw new CheckpointMismatchException(source + ": tensor " + name + " has dtype " + h.dtype()
                    + ", only F32 is supported");
        }
        return new NamedTensor(name, h.shape(), values);
    }

    /** All tensors in data order; all must be F32. */
    public List<NamedTensor> tensors() throws CheckpointMismatchException {
        NamedTensor[] out = new NamedTensor[headers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = tensor(headers.get(i).name());
        }
        return List.of(out);
    }
}
