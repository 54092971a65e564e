package dev.meridian.ingest.otlp;

/**
 * For {@code dev.meridian.bench.DecodeOnlyReceiver}: what {@link OtlpHttpReceiver} does with a protobuf traces
 * body before ingest, from the outside of this package: {@link OtlpSignal#decodeProtobuf} (parse and map to
 * {@code telemetry} records) and the export response.
 */
public final class DecodeOnly {

    private DecodeOnly() {
    }

    /**
     * @param spans    spans mapped to records
     * @param rejected spans refused on their own (partial success)
     * @param response the serialized ExportTraceServiceResponse (empty unless spans were rejected)
     */
    public record Traces(int spans, long rejected, byte[] response) {
    }

    /** @throws IllegalArgumentException when the body is not an ExportTraceServiceRequest (HTTP 400) */
    public static Traces traces(byte[] body) {
        Decoded decoded;
        try {
            decoded = OtlpSignal.TRACES.decodeProtobuf(body);
        } catch (OtlpDecodingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new Traces(decoded.batch().spans().size(), decoded.rejected(),
                OtlpSignal.TRACES.response(decoded).toByteArray());
    }
}
