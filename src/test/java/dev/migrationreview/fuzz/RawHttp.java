package dev.migrationreview.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP/1.1 over a plain socket, with nothing checked or fixed on the way: duplicate or missing
 * headers, a body framed by any Content-Length or chunked (even wrongly), a body trickled slowly
 * or streamed without end. The answer is read while the body is still being written, so a server
 * that refuses early (413) is seen refusing, and a deadline closes the socket however the server
 * behaves, so no exchange can hang the fuzzer.
 */
public final class RawHttp {

    /** How the body is framed on the wire. */
    public enum Framing {
        /** {@code Content-Length} with the body's true length. */
        LENGTH,
        /** {@code Transfer-Encoding: chunked}, in chunks of up to 64 KB. */
        CHUNKED,
        /** Neither header and no body written: the server must take the body as empty. */
        NONE,
        /** No framing header added, the body written as it is: the given headers say how to read it, rightly or not. */
        AS_GIVEN
    }

    /**
     * A request. {@code headers} are sent as given (name, value), in order, after {@code Host}
     * and {@code Connection: close}; framing headers are added unless {@code framing} is NONE.
     *
     * @param body      produces the body's bytes; may be longer than memory allows (see {@link Body#repeat})
     * @param trickle   spread the body's writing over this long (zero: as fast as the socket takes it)
     */
    public record Request(String method, String target, List<String[]> headers, Body body, Framing framing, Duration trickle) {

        public static Request post(String target, List<String[]> headers, byte[] body) {
            return new Request("POST", target, headers, Body.of(body), Framing.LENGTH, Duration.ZERO);
        }

        public Request framed(Framing how) {
            return new Request(method, target, headers, body, how, trickle);
        }

        public Request trickled(Duration over) {
            return new Request(method, target, headers, body, framing, over);
        }
    }

    /** A body's bytes, produced piece by piece so a body of hundreds of megabytes costs no memory. */
    public interface Body {
        long length();

        /** Writes the bytes from {@code offset}, at most {@code max} of them, into {@code buffer}; returns how many. */
        int read(long offset, byte[] buffer, int max);

        static Body of(byte[] bytes) {
            return new Body() {
                public long length() {
                    return bytes.length;
                }

                public int read(long offset, byte[] buffer, int max) {
                    int n = (int) Math.min(max, bytes.length - offset);
                    System.arraycopy(bytes, (int) offset, buffer, 0, n);
                    return n;
                }
            };
        }

        /** {@code prefix}, then {@code unit} over and over up to {@code length} bytes. */
        static Body repeat(byte[] prefix, byte[] unit, long length) {
            return new Body() {
                public long length() {
                    return length;
                }

                public int read(long offset, byte[] buffer, int max) {
                    int n = (int) Math.min(max, length - offset);
                    for (int i = 0; i < n; i++) {
                        long at = offset + i;
                        buffer[i] = at < prefix.length ? prefix[(int) at] : unit[(int) ((at - prefix.length) % unit.length)];
                    }
                    return n;
                }
            };
        }
    }

    /** A response as read: status, headers in order, and the start of the body. */
    public record Response(int status, List<String[]> headers, byte[] body) {
        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * How an exchange ended.
     *
     * @param response  empty when the connection ended without a status line (or the deadline came first)
     * @param bytesSent how much of the body was written before the server answered or stopped reading
     * @param timedOut  the deadline closed the socket
     * @param failure   why reading or writing stopped, when it did
     */
    public record Exchange(Optional<Response> response, long bytesSent, boolean timedOut, Optional<String> failure) {
        public int status() {
            return response.map(Response::status).orElse(-1);
        }
    }

    private static final int CHUNK = 64 * 1024;
    /** Answers are kept up to this size (the admin listings run to a few megabytes); the rest is read and dropped. */
    private static final int KEPT_BODY = 16 * 1024 * 1024;

    private RawHttp() {}

    /** Sends {@code request} to {@code base} and reads the answer; the whole exchange ends by {@code timeout} after the trickle. */
    public static Exchange exchange(URI base, Request request, Duration timeout) {
        var socket = new Socket();
        var timedOut = new AtomicBoolean();
        long deadlineMillis = timeout.plus(request.trickle()).toMillis();
        var closer = CompletableFuture.runAsync(() -> {
            timedOut.set(true);
            closeQuietly(socket);
        }, CompletableFuture.delayedExecutor(deadlineMillis, TimeUnit.MILLISECONDS));
        long[] sent = {0};
        try {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) timeout.toMillis());
            socket.setSoTimeout((int) deadlineMillis);
            var answer = new CompletableFuture<Response>();
            Thread.ofVirtual().name("raw-http-reader").start(() -> {
                try {
                    answer.complete(readResponse(socket));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            Optional<String> writeFailure = Optional.empty();
            try {
                write(socket.getOutputStream(), base, request, sent, answer);
            } catch (IOException e) {
                // The server may have answered and closed before taking the whole body: read what it said.
                writeFailure = Optional.of("writing stopped: " + e.getMessage());
            }
            try {
                Response response = answer.get(deadlineMillis, TimeUnit.MILLISECONDS);
                return new Exchange(Optional.of(response), sent[0], false, writeFailure);
            } catch (ExecutionException e) {
                String why = e.getCause() == null ? e.toString() : e.getCause().getMessage();
                return new Exchange(Optional.empty(), sent[0], timedOut.get(), Optional.of(writeFailure.map(w -> w + "; ").orElse("")
                        + "reading stopped: " + why));
            } catch (TimeoutException e) {
                return new Exchange(Optional.empty(), sent[0], true, Optional.of("no answer in time"));
            }
        } catch (IOException e) {
            return new Exchange(Optional.empty(), sent[0], timedOut.get(), Optional.of("connection failed: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange(Optional.empty(), sent[0], false, Optional.of("interrupted"));
        } finally {
            closer.cancel(false);
            closeQuietly(socket);
        }
    }

    private static void write(OutputStream out, URI base, Request request, long[] sent, CompletableFuture<Response> answer)
            throws IOException, InterruptedException {
        var head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        head.append("Connection: close\r\n");
        long length = request.body().length();
        switch (request.framing()) {
            case LENGTH -> head.append("Content-Length: ").append(length).append("\r\n");
            case CHUNKED -> head.append("Transfer-Encoding: chunked\r\n");
            case NONE, AS_GIVEN -> { }
        }
        for (String[] header : request.headers()) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (request.framing() == Framing.NONE) {
            out.flush();
            return;
        }
        int piece = request.trickle().isZero() ? CHUNK : (int) Math.max(1, Math.min(CHUNK, length / 20));
        long pause = request.trickle().isZero() ? 0 : request.trickle().toMillis() * piece / Math.max(1, length);
        byte[] buffer = new byte[CHUNK];
        // Once the server answered, the rest of the body would only be thrown away.
        while (sent[0] < length && !answer.isDone()) {
            int n = request.body().read(sent[0], buffer, piece);
            if (request.framing() == Framing.CHUNKED) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write(buffer, 0, n);
            if (request.framing() == Framing.CHUNKED) {
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            sent[0] += n;
            if (pause > 0) {
                out.flush();
                Thread.sleep(pause);
            }
        }
        if (request.framing() == Framing.CHUNKED && !answer.isDone()) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
    }

    private static Response readResponse(Socket socket) {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("the connection closed without an answer");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            var headers = new ArrayList<String[]>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.add(new String[] {colon < 0 ? header : header.substring(0, colon).strip(),
                        colon < 0 ? "" : header.substring(colon + 1).strip()});
            }
            var response = new Response(status, headers, new byte[0]);
            return new Response(status, headers, body(in, response));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] body(InputStream in, Response head) throws IOException {
        var kept = new ByteArrayOutputStream();
        try {
            if (head.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
                for (String size = line(in); size != null; size = line(in)) {
                    int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                    if (n == 0) {
                        break;
                    }
                    copy(in, kept, n);
                    line(in);
                }
            } else if (head.header("Content-Length").isPresent()) {
                copy(in, kept, Long.parseLong(head.header("Content-Length").get()));
            } else {
                copy(in, kept, Long.MAX_VALUE);
            }
        } catch (IOException | NumberFormatException e) {
            // The status is what the fuzzer judges; a body cut short by a closing server is no failure of the server.
        }
        return kept.toByteArray();
    }

    private static void copy(InputStream in, ByteArrayOutputStream kept, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            if (kept.size() < KEPT_BODY) {
                kept.write(buffer, 0, Math.min(n, KEPT_BODY - kept.size()));
            }
            left -= n;
        }
    }

    /** A line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }
}
