package eus.elkarlan.gateway;

import java.io.IOException;
import java.io.InputStream;

/** {@link GatewayHttp}'s raw-connection reader, for the benchmarks of the {@code bench} package. */
public final class GatewayHttpAccess {

    private GatewayHttpAccess() {
    }

    /** One HTTP/1.1 answer, head and body, as text. */
    public static String readAnswer(InputStream in) throws IOException {
        return GatewayHttp.readAnswer(in);
    }
}
