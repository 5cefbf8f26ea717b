package nl.vangnet.proxy.lists;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real {@link SourceOpener}: local files, and http(s) URLs through {@link HttpClient} (redirects followed
 * except from https to http; a status other than 2xx is a failure). A download is read completely into memory,
 * at most {@link SourceLimits#maxBytes()}, within {@link SourceLimits#timeout()}. Thread-safe.
 */
final class SourceFetcher implements SourceOpener {
    private static final String USER_AGENT = "Vangnet-list-loader/1";

    private final SourceLimits limits;
    private final HttpClient client;

    SourceFetcher(SourceLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.client = HttpClient.newBuilder().connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public InputStream open(String location, boolean remote) throws IOException {
        return remote ? download(location) : file(location);
    }

    private InputStream file(String location) throws IOException {
        Path p = Path.of(location);
        if (!Files.exists(p)) {
            throw new NoSuchFileException(location, null, "no such file");
        }
        if (!Files.isRegularFile(p)) {
            throw new IOException(location + " is not a regular file");
        }
        long size = Files.size(p);
        if (size > limits.maxBytes()) {
            throw new IOException(location + " has " + size + " bytes, more than the limit of " + limits.maxBytes());
        }
        return Files.newInputStream(p);
    }

    private InputStream download(String location) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(location)).timeout(limits.timeout())
                .header("User-Agent", USER_AGENT).GET().build();
        CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(request,
                info -> info.statusCode() / 100 == 2 ? new CappedBody(limits.maxBytes())
                        : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = f.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IOException(location + ": no complete response within " + limits.timeout().toSeconds()
                    + " s", e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(location + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            throw new IOException(location + ": " + message, cause);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(location + ": HTTP status " + response.statusCode());
        }
        return new ByteArrayInputStream(response.body());
    }

    /** Collects a response body, cancelling the download once it exceeds the limit. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if ((long) out.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("the response is larger than the limit of " + max
                            + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
